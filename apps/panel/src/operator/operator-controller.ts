import { Controller, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { OperatorTokenGuard } from './operator-token.guard';

/** A controller of /operator/api/accounts, for whoever runs Keygate (X-Operator-Token). */
export const OperatorController = () =>
  applyDecorators(
    ApiTags('Operator'),
    ApiSecurity('operator'),
    Controller('operator/api/accounts'),
    UseGuards(OperatorTokenGuard),
  );
