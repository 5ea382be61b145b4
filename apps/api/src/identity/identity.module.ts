import { Module, type DynamicModule } from '@nestjs/common';
import type { CprKeys } from './cpr-key';
import { CPR_KEYS, IdentityController } from './identity.controller';

/** CPR numbers at the edge: exchanged for the opaque person id, kept encrypted at rest. */
@Module({})
export class IdentityModule {
  static forRoot(config: { cprKeys: CprKeys | undefined }): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [IdentityController],
      providers: [{ provide: CPR_KEYS, useValue: config.cprKeys ?? null }],
    };
  }
}
