import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';

/** KEYGATE_URL (the gateway), VERIFY_TOKEN, PORT (3200). */
async function main(): Promise<void> {
  const { KEYGATE_URL, VERIFY_TOKEN, PORT } = process.env;
  if (!KEYGATE_URL || !VERIFY_TOKEN) throw new Error('Set KEYGATE_URL and VERIFY_TOKEN');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with({ gatewayUrl: KEYGATE_URL, verifyToken: VERIFY_TOKEN }),
    new FastifyAdapter(),
  );
  app.enableShutdownHooks();
  await app.listen(Number(PORT ?? 3200), '127.0.0.1');
}

void main();
