import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { WithRawBody } from '../../http/request-bodies';
import { GithubSecretScanningHandler } from './github-secret-scanning.handler';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

@ApiTags('Leaks')
@Controller('github')
export class GithubSecretScanningController {
  constructor(private readonly handler: GithubSecretScanningHandler) {}

  @Post('secret-scanning')
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOperation({
    operationId: 'githubSecretScanning',
    summary: 'GitHub’s secret scanning partner endpoint: leaked Keygate keys, signed by GitHub',
  })
  handle(@Req() request: FastifyRequest & WithRawBody, @Body() body: unknown) {
    return this.handler.execute({
      rawBody: request.rawBody,
      body,
      keyId: header(request, 'github-public-key-identifier'),
      signature: header(request, 'github-public-key-signature'),
    });
  }
}
