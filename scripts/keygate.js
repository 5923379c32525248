#!/usr/bin/env node
// Operator command line over the key service's RPC, for use before the Panel exists or in scripts.
//   npm run keygate -- open-account "Acme" [plan]
//   npm run keygate -- create-key <accountId> <name> '<rules JSON>' [expiresAt] [allowedHosts,comma,separated]
//   npm run keygate -- list-keys <accountId>
//   npm run keygate -- rotate-key <accountId> <keyId> [gracePeriodSeconds]
//   npm run keygate -- revoke-key <accountId> <keyId>
//   npm run keygate -- delete-key <accountId> <keyId>
//   npm run keygate -- change-plan <accountId> <plan>
// Uses REDIS_URL, or the Redis that `npm start` started. Secrets are printed once, as the API does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const { createRpcClient, sendRpc } = require(path.join(ROOT, 'dist/libs/connections/src'));
require('@nestjs/common').Logger.overrideLogger(['error']);

function redisUrl() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const state = path.join(
    process.env.KEYGATE_DATA_DIR || path.join(ROOT, '.keygate'),
    'run',
    'services.json',
  );
  if (fs.existsSync(state)) return JSON.parse(fs.readFileSync(state, 'utf8')).redisUrl;
  return 'redis://127.0.0.1:6379';
}

const operator = { type: 'operator', id: 'cli' };
const commands = {
  'open-account': ([name, plan]) => ['accounts.open', { name, plan, actor: operator }],
  'create-key': ([accountId, name, rules, expiresAt, hosts]) => [
    'keys.create',
    {
      accountId,
      name,
      rules: JSON.parse(rules || '[]'),
      expiresAt: expiresAt || undefined,
      allowedHosts: hosts ? hosts.split(',') : undefined,
      actor: operator,
    },
  ],
  'list-keys': ([accountId]) => ['keys.list', { accountId }],
  'rotate-key': ([accountId, keyId, grace]) => [
    'keys.rotate',
    { accountId, keyId, gracePeriodSeconds: grace ? Number(grace) : undefined, actor: operator },
  ],
  'revoke-key': ([accountId, keyId]) => ['keys.revoke', { accountId, keyId, actor: operator }],
  'delete-key': ([accountId, keyId]) => ['keys.delete', { accountId, keyId, actor: operator }],
  'change-plan': ([accountId, plan]) => [
    'accounts.change-plan',
    { accountId, plan, actor: operator },
  ],
};

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!commands[command]) {
    console.error(`usage: npm run keygate -- <${Object.keys(commands).join('|')}> ...`);
    process.exit(2);
  }
  const [pattern, payload] = commands[command](args);
  const client = createRpcClient(redisUrl());
  try {
    await client.connect();
    console.log(JSON.stringify(await sendRpc(client, pattern, payload, 10000), null, 2));
  } catch (error) {
    console.error(
      JSON.stringify(
        error.code
          ? { code: error.code, message: error.message, fields: error.fields }
          : { message: error.message },
      ),
    );
    process.exitCode = 1;
  } finally {
    await client.close();
  }
}

main();
