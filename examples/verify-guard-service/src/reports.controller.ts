import { Controller, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { KeygateCost, KeygateGuard, KeygatePermission, KeygateRequest } from '@keygate/client';

/**
 * A service of the operator's that does not sit behind the gateway: its routes take the same
 * API keys, checked and counted by Keygate through the guard.
 */
@Controller()
@UseGuards(KeygateGuard)
export class ReportsController {
  @Get('reports/:id')
  @KeygatePermission('report', 'read')
  read(@Param('id') id: string, @Req() request: KeygateRequest) {
    const { keyId, accountId, meta } = request.keygate;
    return { id, title: `Report ${id}`, readBy: { keyId, accountId, meta } };
  }

  /** An export is expensive: it counts as five calls against the key's limits. */
  @Post('exports')
  @KeygatePermission('report', 'read')
  @KeygateCost(5)
  export(@Req() request: KeygateRequest) {
    return { queued: true, remaining: request.keygate.limits?.quota?.remaining ?? null };
  }
}
