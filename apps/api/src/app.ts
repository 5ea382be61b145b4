import 'reflect-metadata';
import { type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppConfig } from './app.module';
import { bodyErrors, JSON_BODY, jsonShapeLimit } from './common/body-limits';
import { DomainErrorFilter } from './common/error.filter';
import { documentErrorShape } from './common/api-error.openapi';
import { ApiValidationPipe, VALIDATION_OPTIONS } from './common/validation.pipe';
import { applyHttpTimeouts, HTTP_TIMEOUT_DEFAULTS, type HttpTimeouts } from './common/http-timeouts';
import { correlation } from './observability/correlation';
import { httpMetrics } from './observability/http-metrics';
import { Metrics } from './observability/metrics';

/** Builds the HTTP app: the same for `npm start`, int specs and e2e specs. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false | LogLevel[]; httpTimeouts?: HttpTimeouts } = {},
): Promise<INestApplication> {
  // `logger: false` (specs) silences the request lines as well as Nest's own.
  const quiet = options.logger === false;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(quiet ? { ...config, logging: { ...config.logging, level: 'silent' } } : config),
    { logger: options.logger ?? ['error', 'warn', 'log'], bodyParser: false, bufferLogs: !quiet },
  );
  // Nest's own lines go through pino too: JSON, with the request's id and correlation id.
  if (!quiet) app.useLogger(app.get(Logger));
  // A slow client (headers or body dripped in) is cut off as a reverse proxy would; set before the server listens.
  applyHttpTimeouts(app.getHttpServer(), options.httpTimeouts ?? HTTP_TIMEOUT_DEFAULTS);
  // First, so that requests the body checks refuse are counted too.
  app.use(httpMetrics(app.get(Metrics)));
  app.use(correlation);
  // JSON only, UTF-8, size-limited and depth-limited before validation walks it.
  app.useBodyParser('json', JSON_BODY);
  app.use(bodyErrors);
  app.use(jsonShapeLimit);
  app.disable('x-powered-by');
  app.useGlobalFilters(new DomainErrorFilter());
  app.useGlobalPipes(new ApiValidationPipe(VALIDATION_OPTIONS));
  // /docs stays public: the API's description holds no personal data; every endpoint behind it needs a token.
  const document = documentErrorShape(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Sagsforløb')
        .setDescription(
          'Event-sourced case management for a-kasser and jobcentres. Every endpoint but /health needs a bearer JWT (roles and claims: README, "Who may see what"); auditors state a purpose in X-Purpose.',
        )
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .addSecurityRequirements('bearer')
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}
