import { Controller, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PanelSessionRequired } from './panel-session.guard';

/**
 * A Panel API controller: its routes under `path`, for logged-in panel users only (admins and
 * members; `AdminOnly()` narrows a route), listed under `tag` in /docs.
 */
export const PanelController = (path: string, tag: string) =>
  applyDecorators(ApiTags(tag), ApiBearerAuth('session'), Controller(path), PanelSessionRequired());
