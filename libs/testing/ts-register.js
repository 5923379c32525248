// `node -r ./libs/testing/ts-register.js apps/<app>/src/main.ts`: runs a service from its
// TypeScript sources in a child process, as ts-jest runs the specs (each file transpiled on its
// own, no type check), so reliability specs can signal a real process without a build first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '../..');
const { compilerOptions } = ts.readConfigFile(
  path.join(ROOT, 'tsconfig.json'),
  ts.sys.readFile,
).config;
const options = ts.convertCompilerOptionsFromJson(compilerOptions, ROOT).options;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@keygate\/([a-z-]+)$/.exec(request);
  return resolve.call(this, alias ? path.join(ROOT, 'libs', alias[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { ...options, sourceMap: false, inlineSourceMap: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
