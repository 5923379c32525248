import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, WireError } from '@keygate/contracts';

/**
 * The one place RPC errors are shaped: coded domain errors go back as they are; anything else
 * is logged under an error id and answered as INTERNAL without its message.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    if (exception instanceof DomainError) return throwError(() => exception.toWire());
    const errorId = randomUUID();
    this.logger.error(
      `${errorId}: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    const wire: WireError = { code: ErrorCode.INTERNAL, message: 'Internal error', errorId };
    return throwError(() => wire);
  }
}
