import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { ImportFacts, type ImportReport } from './import-facts';
import { importLines } from './import-lines';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly importFacts: ImportFacts) {}

  /**
   * The body is read line by line as it arrives (application/x-ndjson is not parsed by the JSON body parser, so
   * the 64 kB body limit does not apply to it): an import of millions of facts is never held whole in memory.
   * Each line is held to that limit instead, and to UTF-8, on its bytes (importLines).
   */
  @Post()
  @HttpCode(200)
  @ApiConsumes('application/x-ndjson')
  @ApiBody({
    description:
      'One fact request per line: the body of POST /persons/{personId}/facts with its personId beside it',
    schema: { type: 'string' },
  })
  @ApiOkResponse({
    description:
      'How many lines were recorded, were already recorded (same eventId), and each refused line with its line number, code, field and rule',
  })
  @ApiForbiddenResponse({ description: 'Not a caseworker system (role integration)' })
  @Allow(['integration'], 'facts are imported by caseworker systems (role integration)')
  run(@Req() request: IncomingMessage, @CurrentCaller() caller: Caller): Promise<ImportReport> {
    return this.importFacts.execute(importLines(request), caller);
  }
}
