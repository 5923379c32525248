'use strict';
// What the HTTP benchmarks share: throughput with wrk when installed (apt-get install wrk: a C
// load generator leaves more of the two cores to the servers), autocannon otherwise.
const { execFile, spawnSync } = require('node:child_process');
const { promisify } = require('node:util');
const autocannon = require('autocannon');

const HAS_WRK = spawnSync('sh', ['-c', 'command -v wrk']).status === 0;
const LOAD_GENERATOR = HAS_WRK ? 'wrk' : 'autocannon';

function wrkMs(text, label) {
  const match = new RegExp(`^\\s*${label}%?\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
  if (!match) return NaN;
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2]];
}

/**
 * Requests sent, req/s, p50 and p99 (ms) of GETs of `url` on `connections` connections for `seconds`. With
 * `rotate`, each request carries the next of these header sets in turn (several keys at once).
 */
async function throughput(url, headers, { connections, seconds, rotate = null }) {
  if (HAS_WRK) {
    const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
    if (rotate) args.push('-s', wrkRotation(rotate));
    args.push(...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url);
    // Not spawnSync: a blocked event loop keeps undici's idle sockets past the servers' keep-alive
    // timeout, and the next sequential call goes out on one the server has closed.
    const { stdout: out } = await promisify(execFile)('wrk', args, { encoding: 'utf8' });
    if (/Non-2xx|Socket errors/.test(out)) throw new Error(`${url}: wrk saw errors\n${out}`);
    return {
      requests: Number(/(\d+) requests in/.exec(out)[1]),
      rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]),
      p50: wrkMs(out, '50'),
      p99: wrkMs(out, '99'),
    };
  }
  let turn = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    pipelining: 1,
    ...(rotate && {
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, ...rotate[turn++ % rotate.length] },
          }),
        },
      ],
    }),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** A wrk script that sends the header sets in turn (written to a temporary file). */
function wrkRotation(headerSets) {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kg-wrk-')), 'rotate.lua');
  const sets = headerSets
    .map(
      (set) =>
        `{${Object.entries(set)
          .map(([k, v]) => `[${JSON.stringify(k)}]=${JSON.stringify(v)}`)
          .join(',')}}`,
    )
    .join(',\n');
  fs.writeFileSync(
    file,
    `local sets = {\n${sets}\n}\nlocal i = 0\nrequest = function()\n  i = i % #sets + 1\n  return wrk.format(nil, nil, sets[i])\nend\n`,
  );
  return file;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * CPU time (ms, user + system) a process has used so far, from /proc (Linux); null elsewhere.
 * Read before and after a load, it gives what one call costs the process that served it, which
 * varies far less between rounds than req/s on a machine whose cores every process shares.
 */
function cpuMsOf(pid) {
  try {
    const fields = require('node:fs')
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // After the name: state is field 3 of stat(5), utime 14 and stime 15 (clock ticks of 10 ms).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

module.exports = { HAS_WRK, cpuMsOf, LOAD_GENERATOR, throughput, median };
