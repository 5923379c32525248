import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('Operations')
@Controller()
export class HealthController {
  /** The Panel keeps no state of its own: up means ready. */
  @Get('health')
  @ApiOperation({ operationId: 'panelHealth', summary: 'Whether the Panel app is up' })
  health() {
    return { status: 'ok', service: 'panel' };
  }
}
