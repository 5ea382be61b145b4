import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Clock } from '@app/legal-time';
import { AccessController } from './access.controller';
import { ACCESS_CLOCK, AccessLog } from './access-log';
import { ACCESS_LOG_READ_MODEL, AccessLogReadSide } from './access-log.read-side';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import type { AuthSettings } from '@app/auth';
import type { ReadModelSettings } from '../contact-process/read-model.settings';
import { BrowserSessionController } from './browser-session.controller';
import type { BrowserSignInSettings } from './browser-session.settings';
import { BROWSER_SESSIONS, BrowserSessions } from './browser-sessions';
import { JobOrderAgreements } from './job-order-agreements';
import { PersonAccess } from './person-access';
import { TokenVerifier } from './token-verifier';

/** Who may see what (issue #7): the bearer-token guard on every endpoint, the access policy and the access log. */
@Global()
@Module({})
export class AccessModule {
  static forRoot(config: {
    auth: AuthSettings | undefined;
    clock: Clock;
    browserSignIn?: BrowserSignInSettings;
    /** Where the access-log read model lives: beside the other read models, in the same database. */
    readModel: ReadModelSettings;
  }): DynamicModule {
    const verifier = new TokenVerifier(config.auth);
    const { browserSignIn } = config;
    return {
      module: AccessModule,
      controllers: [AccessController, BrowserSessionController],
      providers: [
        { provide: TOKEN_VERIFIER, useValue: verifier },
        // Sessions of the HTML pages (issue #20); absent, those pages take bearer tokens only.
        {
          provide: BROWSER_SESSIONS,
          useValue: browserSignIn ? new BrowserSessions(browserSignIn, verifier, config.clock) : null,
        },
        { provide: ACCESS_CLOCK, useValue: config.clock },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: ACCESS_LOG_READ_MODEL, useValue: config.readModel },
        AccessLogReadSide,
        AccessLog,
        JobOrderAgreements,
        PersonAccess,
      ],
      exports: [AccessLog, AccessLogReadSide, PersonAccess, ACCESS_CLOCK],
    };
  }
}
