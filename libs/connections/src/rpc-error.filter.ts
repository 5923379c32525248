import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, WireError } from '@keygate/contracts';
import { isStoreUnavailable } from './store-unavailable';

/**
 * The one place RPC errors are shaped: coded domain errors go back as they are; anything else
 * is logged under an error id and answered without its message: SERVICE_UNAVAILABLE when Redis
 * or MongoDB could not be reached (a failover, say: the caller may retry), INTERNAL otherwise.
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
    const wire: WireError = isStoreUnavailable(exception)
      ? {
          code: ErrorCode.SERVICE_UNAVAILABLE,
          message: 'A store is unavailable; retry shortly',
          errorId,
        }
      : { code: ErrorCode.INTERNAL, message: 'Internal error', errorId };
    return throwError(() => wire);
  }
}
