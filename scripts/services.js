#!/usr/bin/env node
// Finds or starts what Keygate needs on this machine: Redis and a MongoDB-wire server
// (FerretDB on the local PostgreSQL, or on SQLite without one; built from tools/ferretdb with Go). A REDIS_URL or MONGO_URL already in the
// environment is used as it is. Everything started here listens on a free loopback port and is
// stopped by `down` with the state returned by `up`.
//
//   node scripts/services.js up     # dev mode: persistent data in .keygate/, reused if running
//   node scripts/services.js down
'use strict';
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.resolve(process.env.KEYGATE_DATA_DIR || path.join(ROOT, '.keygate'));
const STATE_FILE = path.join(DATA, 'run', 'services.json');
const FERRETDB_BIN = path.join(DATA, 'bin', 'ferretdb');

const log = (msg) => process.stderr.write(`[services] ${msg}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port, timeoutMs = 300) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitForPort(port, what, child, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function which(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** The path of `binary`, installing Debian's `pkg` with apt-get when root and it is missing. */
function ensureDebianBinary(binary, pkg, hint) {
  const found = which(binary);
  if (found) return found;
  if (process.getuid && process.getuid() === 0 && which('apt-get')) {
    log(`${binary} not found; installing ${pkg} with apt-get`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return which(binary);
  }
  throw new Error(`${binary} is not installed (apt-get install ${pkg})${hint}`);
}

const ensureRedisBinary = () =>
  ensureDebianBinary('redis-server', 'redis-server', ', or set REDIS_URL');
/** Debian's Chromium, for the Panel's browser test (playwright-core downloads no browser). */
const ensureChromium = () => ensureDebianBinary('chromium', 'chromium', '');

function ensureFerretDbBinary() {
  const source = path.join(ROOT, 'tools', 'ferretdb');
  const stamp = `${FERRETDB_BIN}.source`;
  const sourceId = ['go.mod', 'go.sum', 'main.go']
    .map((f) => fs.readFileSync(path.join(source, f), 'utf8'))
    .join('\0');
  if (
    fs.existsSync(FERRETDB_BIN) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === sourceId
  )
    return FERRETDB_BIN;
  if (!which('go'))
    throw new Error(
      'Go is needed to build FerretDB (tools/ferretdb), or set MONGO_URL to a MongoDB server',
    );
  log('building FerretDB v1.24.2 from tools/ferretdb (first run only, about 2 minutes)');
  fs.mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
  execFileSync('go', ['build', '-o', FERRETDB_BIN, '.'], {
    cwd: source,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  fs.writeFileSync(stamp, sourceId);
  return FERRETDB_BIN;
}

function startProcess(command, args, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  child.unref();
  return child;
}

async function startRedis(dir, persistent, port, extraArgs = []) {
  port = port || (await freePort());
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--protected-mode',
    'yes',
  ];
  args.push('--appendonly', persistent ? 'yes' : 'no', ...extraArgs);
  const child = startProcess(ensureRedisBinary(), args, path.join(dir, 'redis.log'));
  await waitForPort(port, 'redis-server', child);
  return { name: 'redis', pid: child.pid, port, url: `redis://127.0.0.1:${port}` };
}

/** The master name the sentinels this script starts monitor. */
const SENTINEL_MASTER = 'keygate';

/**
 * A Sentinel set on loopback: one master, one replica, three sentinels (quorum 2, a master is
 * down after 1 s without answer), each `redis-server` (`--sentinel` for the sentinels). Its
 * endpoint is `redis-sentinel://…/keygate`, which every Keygate app reads as REDIS_URL.
 */
async function startSentinelSet(dir) {
  const master = await startRedis(path.join(dir, 'master'), false);
  const replica = await startRedis(path.join(dir, 'replica'), false, undefined, [
    '--replicaof',
    '127.0.0.1',
    String(master.port),
  ]);
  const sentinels = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const home = path.join(dir, `sentinel-${i}`);
    fs.mkdirSync(home, { recursive: true });
    const conf = path.join(home, 'sentinel.conf');
    fs.writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${home}`,
        `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${master.port} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER} 1000`,
        `sentinel failover-timeout ${SENTINEL_MASTER} 5000`,
        `sentinel parallel-syncs ${SENTINEL_MASTER} 1`,
        '',
      ].join('\n'),
    );
    const child = startProcess(ensureRedisBinary(), [conf, '--sentinel'], path.join(home, 'log'));
    await waitForPort(port, 'redis sentinel', child);
    sentinels.push({ name: 'redis-sentinel', pid: child.pid, port });
  }
  return {
    master: { ...master, name: 'redis-master' },
    replica: { ...replica, name: 'redis-replica' },
    sentinels,
    started: [master, replica, ...sentinels],
    url: `redis-sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${SENTINEL_MASTER}`,
  };
}

/**
 * A Redis Cluster on loopback: `masters` `redis-server`s in cluster mode sharing the 16,384 slots
 * evenly, each with `replicas` replicas (a node is failed after 2 s without answer). Six nodes,
 * three masters with a replica each, by default (`redis-cli --cluster create`); the benchmarks'
 * one- and three-master Clusters without replicas are joined by hand (the tool wants three
 * masters at least). Answers its nodes, `host:port,…` of them (REDIS_CLUSTER_NODES) and its
 * endpoint `redis-cluster://…`, which every Keygate app reads as REDIS_URL.
 */
async function startRedisCluster(dir, { masters = 3, replicas = 1 } = {}) {
  const nodes = [];
  for (let i = 0; i < masters * (1 + replicas); i++) {
    const home = path.join(dir, `node-${i}`);
    nodes.push(
      await startRedis(home, false, undefined, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(home, 'nodes.conf'),
        '--cluster-node-timeout',
        '2000',
        // A node learns its own address from the others: a Cluster of one has none to tell it.
        '--cluster-announce-ip',
        '127.0.0.1',
        // A replica syncs at once rather than 5 s later: until it has, it cannot take over.
        '--repl-diskless-sync-delay',
        '0',
      ]),
    );
  }
  const cli = ensureDebianBinary('redis-cli', 'redis-tools', '');
  const ask = (node, ...args) =>
    spawnSync(cli, ['-p', String(node.port), ...args], { encoding: 'utf8' }).stdout || '';
  if (replicas > 0) {
    const created = spawnSync(
      cli,
      [
        '--cluster',
        'create',
        ...nodes.map((node) => `127.0.0.1:${node.port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ],
      { encoding: 'utf8' },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create: ${created.stdout}${created.stderr}`);
  } else {
    nodes.forEach((node, i) => {
      const from = Math.floor((16384 * i) / masters);
      const to = Math.floor((16384 * (i + 1)) / masters) - 1;
      ask(node, 'cluster', 'addslotsrange', String(from), String(to));
      if (i > 0) ask(node, 'cluster', 'meet', '127.0.0.1', String(nodes[0].port));
    });
  }
  // Up when every node says the cluster is ok and sees every master and replica (replicas are
  // assigned after the slots, and gossip takes a moment to tell every node), and every replica
  // has its master's data: one that never synced refuses to take over.
  const seesItWhole = (node) => {
    const roles = ask(node, 'cluster', 'nodes')
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[2] || '');
    const replication = ask(node, 'info', 'replication');
    return (
      /cluster_state:ok/.test(ask(node, 'cluster', 'info')) &&
      roles.filter((flags) => flags.includes('master')).length === masters &&
      roles.filter((flags) => flags.includes('slave')).length === masters * replicas &&
      (/role:master/.test(replication) || /master_link_status:up/.test(replication))
    );
  };
  const deadline = Date.now() + 20_000;
  while (!nodes.every(seesItWhole)) {
    if (Date.now() > deadline) throw new Error('the Redis Cluster did not come up within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const clusterNodes = nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  return {
    nodes: nodes.map((node) => ({ ...node, name: 'redis-cluster-node' })),
    started: nodes,
    clusterNodes,
    url: `redis-cluster://${clusterNodes}`,
  };
}

// FerretDB's SQLite backend filters only on _id in SQL and scans the collection for anything
// else (330 ms a query at 5,000 events, measured); its PostgreSQL backend pushes equality filters
// down (5 ms). So PostgreSQL is used when the machine has it, SQLite otherwise
// (docs/adr/0002-ferretdb-for-local-runs.md).
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

function psql(sql) {
  return spawnSync(
    'psql',
    [
      '-h',
      PG.host,
      '-p',
      String(PG.port),
      '-U',
      PG.user,
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-qAtc',
      sql,
    ],
    { encoding: 'utf8' },
  );
}

async function postgresAvailable() {
  if (process.env.KEYGATE_FERRETDB_BACKEND === 'sqlite' || !which('psql')) return false;
  if (!(await canConnect(PG.port))) {
    const clusters = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
    if (clusters.length === 0 || !which('pg_ctlcluster')) return false;
    log('starting the local PostgreSQL cluster for FerretDB');
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0], 'main', 'start'], {
      stdio: 'ignore',
    });
    if (!(await canConnect(PG.port))) return false;
  }
  return psql('SELECT 1').status === 0;
}

async function startFerretDb(dir, database) {
  const binary = ensureFerretDbBinary();
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  const args = ['-listen', `127.0.0.1:${port}`];
  let pgDatabase = null;
  if (await postgresAvailable()) {
    const exists =
      psql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`).stdout.trim() === '1';
    if (!exists && psql(`CREATE DATABASE "${database}"`).status !== 0)
      throw new Error(`could not create PostgreSQL database ${database}`);
    pgDatabase = database;
    args.push('-postgresql-url', `postgres://${PG.user}@${PG.host}:${PG.port}/${database}`);
  } else {
    args.push('-data', dir);
  }
  const child = startProcess(binary, args, path.join(dir, 'ferretdb.log'));
  await waitForPort(port, 'ferretdb', child, 30000);
  log(`ferretdb on ${pgDatabase ? `PostgreSQL database ${pgDatabase}` : `SQLite in ${dir}`}`);
  return {
    name: 'ferretdb',
    pid: child.pid,
    port,
    pgDatabase,
    url: `mongodb://127.0.0.1:${port}/keygate`,
  };
}

/**
 * mode 'test': fresh, throw-away services in a temporary folder.
 * mode 'dev': persistent data under .keygate/, reused while they still run.
 */
async function up({ mode = 'dev', redis: redisKind = 'single' } = {}) {
  const dev = mode === 'dev';
  if (dev && fs.existsSync(STATE_FILE)) {
    const previous = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
    const stillRunning = previous.started.every((s) => isAlive(s.pid));
    const redisProcesses = { single: 1, sentinel: 5, cluster: 6 }[redisKind];
    const wanted = (!process.env.REDIS_URL ? redisProcesses : 0) + (!process.env.MONGO_URL ? 1 : 0);
    if (
      stillRunning &&
      previous.started.length === wanted &&
      (await Promise.all(previous.started.map((s) => canConnect(s.port)))).every(Boolean)
    ) {
      log(
        `reusing running services: ${previous.started.map((s) => `${s.name}:${s.port}`).join(', ') || 'none'}`,
      );
      return previous;
    }
    await down(previous);
  }
  const base = dev
    ? path.join(DATA, 'services')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'keygate-test-'));
  const state = {
    mode,
    base,
    started: [],
    redisUrl: process.env.REDIS_URL,
    mongoUrl: process.env.MONGO_URL,
  };
  try {
    if (!state.redisUrl && redisKind === 'cluster') {
      const cluster = await startRedisCluster(path.join(base, 'redis-cluster'));
      state.started.push(...cluster.started);
      state.redisUrl = cluster.url;
    } else if (!state.redisUrl && redisKind === 'sentinel') {
      const set = await startSentinelSet(path.join(base, 'redis-sentinel'));
      state.started.push(...set.started);
      state.redisUrl = set.url;
    } else if (!state.redisUrl) {
      const redis = await startRedis(path.join(base, 'redis'), dev);
      state.started.push(redis);
      state.redisUrl = redis.url;
    }
    if (!state.mongoUrl) {
      const database = dev
        ? devDatabaseName(DATA)
        : `keygate_test_${path
            .basename(base)
            .replace(/[^a-zA-Z0-9]/g, '_')
            .toLowerCase()}`;
      const ferret = await startFerretDb(path.join(base, 'ferretdb'), database);
      state.started.push(ferret);
      state.mongoUrl = ferret.url;
    }
  } catch (error) {
    await down(state);
    throw error;
  }
  if (dev) {
    fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
    fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  }
  log(`redis ${state.redisUrl}, mongo ${state.mongoUrl}`);
  return state;
}

/**
 * `npm start`'s PostgreSQL database for FerretDB: one per data folder (so per checkout), never
 * shared: `keygate_dev_<folder name>_<hash of its full path>`.
 */
function devDatabaseName(dataDir) {
  const folder = path
    .basename(path.dirname(dataDir))
    .replace(/[^a-zA-Z0-9]/g, '_')
    .toLowerCase()
    .slice(0, 24);
  const hash = require('node:crypto')
    .createHash('sha256')
    .update(dataDir)
    .digest('hex')
    .slice(0, 10);
  return `keygate_dev_${folder}_${hash}`;
}

async function down(state) {
  if (!state) {
    if (!fs.existsSync(STATE_FILE)) return;
    state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  }
  for (const service of state.started) {
    if (!isAlive(service.pid)) continue;
    process.kill(service.pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (isAlive(service.pid) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    if (isAlive(service.pid)) process.kill(service.pid, 'SIGKILL');
  }
  if (state.mode === 'test') {
    for (const service of state.started)
      if (service.pgDatabase) psql(`DROP DATABASE IF EXISTS "${service.pgDatabase}"`);
    if (state.base) fs.rmSync(state.base, { recursive: true, force: true });
  }
  if (state.mode === 'dev' && fs.existsSync(STATE_FILE)) fs.rmSync(STATE_FILE);
}

module.exports = {
  devDatabaseName,
  up,
  down,
  freePort,
  waitForPort,
  canConnect,
  startRedis,
  startSentinelSet,
  startRedisCluster,
  isAlive,
  ensureChromium,
};

if (require.main === module) {
  const command = process.argv[2];
  const run =
    command === 'up'
      ? up({
          mode: 'dev',
          redis: process.argv.includes('--redis-cluster')
            ? 'cluster'
            : process.argv.includes('--redis-sentinel')
              ? 'sentinel'
              : 'single',
        }).then((s) =>
          console.log(JSON.stringify({ REDIS_URL: s.redisUrl, MONGO_URL: s.mongoUrl })),
        )
      : command === 'down'
        ? down()
        : Promise.reject(
            new Error('usage: services.js up [--redis-sentinel | --redis-cluster] | down'),
          );
  run.catch((error) => {
    log(error.message);
    process.exit(1);
  });
}
