import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStoreConfig } from '@app/event-store';
import type { Clock } from '@app/legal-time';
import type { PersonalDataSettings } from '@app/personal-data';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit-timeline.controller';
import type { AuthSettings } from '@app/auth';
import type { BrowserSignInSettings } from './access/browser-session.settings';
import { ContactProcessModule } from './contact-process/contact-process.module';
import type { ReadModelSettings } from './contact-process/contact-process.providers';
import type { DeadlineSweepSettings } from './contact-process/deadline-sweeper';
import { EventStoreModule } from './event-store.module';
import { HealthController } from './health/health.controller';
import { HEALTH_CONFIG, HEALTH_DEFAULTS, type HealthSettings } from './health/health.settings';
import type { CprKeys } from './identity/cpr-key';
import { IdentityModule } from './identity/identity.module';
import { LoggerModule } from 'nestjs-pino';
import { pinoParams, type LoggingSettings } from './observability/logging';
import type { MetricsSettings } from './observability/metrics-endpoint';
import { ObservabilityModule } from './observability/observability.module';
import { ProjectionMetrics } from './observability/projection-metrics';
import { LiveProjectionsModule } from './projections/live-projections.module';
import { SupervisionModule } from './supervision/supervision.module';

export interface AppConfig {
  eventStore: EventStoreConfig;
  /** The keyring of per-person keys that encrypt personal fields in events (erasure destroys a key). */
  personalData: PersonalDataSettings;
  readModel: ReadModelSettings;
  /** Today's date for deadlines and for refusing facts dated in the future; tests inject a fixed clock. */
  clock: Clock;
  /**
   * The keys, issuer and audience bearer tokens are verified against (see access/auth.settings.ts). Left out,
   * no token verifies: every endpoint but /health answers 401 (fail closed, never open).
   */
  auth?: AuthSettings;
  /** How people sign in to the HTML pages (identity provider or development page); left out, bearer only. */
  browserSignIn?: BrowserSignInSettings;
  /** The keys protecting CPR numbers (POST /persons/identify); left out, CPR lookup answers 503. */
  cprKeys?: CprKeys;
  /** How often the system records deadlines that passed unmet (DeadlineMissed); off when left out. */
  deadlineSweep?: DeadlineSweepSettings;
  /** When /health/ready says ready (projection lag limits, check timeout); HEALTH_DEFAULTS when left out. */
  health?: HealthSettings;
  /** Where `GET /metrics` is served (a port apart from the API's); no metrics server when left out. */
  metrics?: MetricsSettings & { processMetrics?: boolean };
  /** JSON log lines (pino); level `info` when left out. */
  logging?: LoggingSettings;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot(config.metrics ?? {}),
        LoggerModule.forRoot(pinoParams(config.logging ?? {})),
        EventStoreModule.forRoot(config.eventStore, config.personalData),
        LiveProjectionsModule.forRoot({ readModel: config.readModel, personalData: config.personalData }),
        AccessModule.forRoot({
          auth: config.auth,
          clock: config.clock,
          browserSignIn: config.browserSignIn,
          readModel: config.readModel,
        }),
        ContactProcessModule.forRoot({
          readModel: config.readModel,
          clock: config.clock,
          deadlineSweep: config.deadlineSweep ?? { intervalMinutes: 0 },
        }),
        SupervisionModule.forRoot({ readModel: config.readModel, clock: config.clock }),
        IdentityModule.forRoot({ cprKeys: config.cprKeys }),
        AuditModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_CONFIG, useValue: config.health ?? HEALTH_DEFAULTS }, ProjectionMetrics],
    };
  }
}
