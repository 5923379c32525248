import { configPiece, urlWith } from './config-piece';

export interface StorageConfig {
  mongoUrl: string;
}

/** The MongoDB the key service keeps its events in and the usage service its rollups. */
export const storagePiece = configPiece({
  env: {
    MONGO_URL: urlWith(['mongodb:', 'mongodb+srv:']).default('mongodb://127.0.0.1:27017/keygate'),
  },
  build: (e): StorageConfig => ({ mongoUrl: e.MONGO_URL }),
});
