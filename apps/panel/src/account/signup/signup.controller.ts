import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { parseInput } from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { jsonSchemaOf } from '../../http/api-docs';
import { signupBodySchema } from '../../panel.schemas';
import { SessionCookies } from '../../sessions/session-cookie';
import { SignupHandler } from './signup.handler';

@ApiTags('Panel: account and sessions')
@Controller('panel/api/signup')
export class SignupController {
  constructor(
    private readonly signup: SignupHandler,
    private readonly cookies: SessionCookies,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'signup',
    summary: 'Open an account with its admin; shows the application keys’ secrets once',
  })
  @ApiBody({ schema: jsonSchemaOf(signupBodySchema) })
  @ApiResponse({
    status: 201,
    description: '{account, user, session, csrfToken, expiresAt, applicationKeys}',
  })
  async handle(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const signedUp = await this.signup.execute({
      ...parseInput(signupBodySchema, body),
      ip: this.clientAddress.of(request),
      userAgent: String(request.headers['user-agent'] ?? ''),
    });
    this.cookies.set(request, reply, signedUp.session);
    reply.status(201);
    return signedUp;
  }
}
