import { composeConfig } from './compose-config';
import { BackgroundServiceConfig, backgroundServicePiece } from './pieces/background-service.piece';
import { ControlPlaneConfig, controlPlanePiece } from './pieces/control-plane.piece';
import { DataPlaneConfig, dataPlanePiece } from './pieces/data-plane.piece';
import { HttpServerConfig, httpServerPiece } from './pieces/http-server.piece';
import { KeySecretsConfig, keySecretsPiece } from './pieces/key-secrets.piece';
import { PublicApiConfig, publicApiPiece } from './pieces/public-api.piece';
import { SharedConfig, sharedPiece } from './pieces/shared.piece';
import { StorageConfig, storagePiece } from './pieces/storage.piece';
import { WebhooksConfig, webhooksPiece } from './pieces/webhooks.piece';

/** The gateway (data plane): keys, quota, upstream. */
export type GatewayConfig = SharedConfig &
  KeySecretsConfig &
  PublicApiConfig &
  HttpServerConfig &
  DataPlaneConfig;
export const loadGatewayConfig: (env?: NodeJS.ProcessEnv) => GatewayConfig = composeConfig(
  sharedPiece,
  keySecretsPiece,
  publicApiPiece,
  httpServerPiece,
  dataPlanePiece,
);

/** The Panel app (control plane): the Panel page and API, the Operator API, /docs. */
export type PanelConfig = SharedConfig &
  PublicApiConfig &
  HttpServerConfig &
  ControlPlaneConfig &
  WebhooksConfig;
export const loadPanelConfig: (env?: NodeJS.ProcessEnv) => PanelConfig = composeConfig(
  sharedPiece,
  publicApiPiece,
  httpServerPiece,
  controlPlanePiece,
  webhooksPiece,
);

/** The key service: accounts, plans and keys, event-sourced; webhook delivery. */
export type KeyServiceConfig = SharedConfig &
  StorageConfig &
  KeySecretsConfig &
  BackgroundServiceConfig &
  WebhooksConfig;
export const loadKeyServiceConfig: (env?: NodeJS.ProcessEnv) => KeyServiceConfig = composeConfig(
  sharedPiece,
  storagePiece,
  keySecretsPiece,
  backgroundServicePiece,
  webhooksPiece,
);

/** The usage service: dashboards, rollups, alerts, housekeeping. */
export type UsageServiceConfig = SharedConfig & StorageConfig & BackgroundServiceConfig;
export const loadUsageServiceConfig: (env?: NodeJS.ProcessEnv) => UsageServiceConfig =
  composeConfig(sharedPiece, storagePiece, backgroundServicePiece);

export type AppConfigLoader<C> = (env?: NodeJS.ProcessEnv) => C;
