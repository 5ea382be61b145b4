import 'reflect-metadata';
import { ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppConfig } from './app.module';
import { DomainErrorFilter } from './common/error.filter';

/** Builds the HTTP app: the same for `npm start`, int specs and e2e specs. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false | LogLevel[] } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.useGlobalFilters(new DomainErrorFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sagsforløb')
      .setDescription('Event-sourced case management for a-kasser and jobcentres')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}
