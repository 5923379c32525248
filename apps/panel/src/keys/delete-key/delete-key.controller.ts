import { Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { KeysController } from '../keys-controller';
import { DeleteKeyHandler } from './delete-key.handler';

@KeysController()
export class DeleteKeyController {
  constructor(private readonly deleteKey: DeleteKeyHandler) {}

  @Delete(':id')
  @ApiOperation({
    operationId: 'deleteKey',
    summary: 'Delete a user key (admins; 409 for application keys)',
  })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @HttpCode(204)
  @AdminOnly()
  handle(@Caller() caller: PanelCaller, @Param('id') keyId: string): Promise<void> {
    return this.deleteKey.execute(caller, keyId);
  }
}
