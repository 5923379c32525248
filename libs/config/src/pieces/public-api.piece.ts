import { configPiece, portNumber, publicAddress, urlWith } from './config-piece';

export interface PublicApiConfig {
  /** The gateway's port. */
  port: number;
  /** The address users reach the API at; every absolute URL Keygate writes for it starts here. */
  publicUrl: string;
}

/** Where the API (the gateway) is: it listens there, and the Panel's documents point there. */
export const publicApiPiece = configPiece({
  env: {
    PORT: portNumber.default(3000),
    PUBLIC_URL: urlWith(['http:', 'https:']).optional(),
  },
  build: (e): PublicApiConfig => ({
    port: e.PORT,
    publicUrl: publicAddress(e.PUBLIC_URL, e.PORT),
  }),
});
