import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RunningGatewayOf, SystemHarnessOf } from '@keygate/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { configureGateway } from '../apps/gateway/src/http/configure-gateway';
import { ProjectionService } from '../apps/gateway/src/projection/projection.service';
import { KeyServiceModule } from '../apps/key-service/src/key-service.module';
import { configurePanel } from '../apps/panel/src/http/configure-panel';
import { PanelAppModule } from '../apps/panel/src/panel-app.module';
import { UsageServiceModule } from '../apps/usage-service/src/usage-service.module';

export { rawCall, withKey } from '@keygate/testing';
export type { CallOptions, RawAnswer, RunningPanel } from '@keygate/testing';

/** The four apps, as the system specs run them (the harness itself is libs/testing's). */
const APPS = {
  keyService: KeyServiceModule,
  usageService: UsageServiceModule,
  gateway: GatewayModule,
  panel: PanelAppModule,
  configureGateway,
  configurePanel,
  projectionOf: (gateway: NestFastifyApplication) => gateway.get(ProjectionService),
};

export type RunningGateway = RunningGatewayOf<ProjectionService>;

/** Key service, usage service, gateways and the Panel app on real Redis and FerretDB. */
export class SystemHarness extends SystemHarnessOf<ProjectionService> {
  constructor(...args: SystemHarnessArgs) {
    super(APPS, ...args);
  }
}

type SystemHarnessArgs =
  ConstructorParameters<typeof SystemHarnessOf<ProjectionService>> extends [unknown, ...infer Rest]
    ? Rest
    : never;
