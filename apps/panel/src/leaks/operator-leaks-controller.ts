import { Controller, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { OperatorTokenGuard } from '../operator/operator-token.guard';

/** /operator/api/leaks, for whoever runs Keygate (X-Operator-Token). */
export const OperatorLeaksController = () =>
  applyDecorators(
    ApiTags('Operator'),
    ApiSecurity('operator'),
    Controller('operator/api/leaks'),
    UseGuards(OperatorTokenGuard),
  );
