import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { copenhagenDateOf, monthOf } from '@app/legal-time';
import { addMonths, type Month, type SupervisedMeasure } from '@app/supervision';
import { IsMonth } from '../common/validators';
import { invalidField } from '../common/api-error';

/** The longest range one request may ask for (10 years of months). */
export const MAX_MONTHS = 120;
/** The range shown when none is asked for: the last 36 months up to the current one. */
export const DEFAULT_MONTHS = 36;

export class MonthRangeQuery {
  @ApiPropertyOptional({
    example: '2024-01',
    description: 'First month, YYYY-MM (default: 35 months before `to`)',
  })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    description: 'Last month, YYYY-MM (default: the current month)',
  })
  @IsOptional()
  @IsMonth()
  to?: string;
}

export class DashboardQuery extends MonthRangeQuery {
  @ApiPropertyOptional({ enum: ['akasse', 'jobcentre'], default: 'akasse' })
  @IsOptional()
  @IsIn(['akasse', 'jobcentre'])
  measure?: SupervisedMeasure;

  @ApiPropertyOptional({
    enum: ['da', 'en'],
    description: 'Language of the page (default: Danish, or English when Accept-Language prefers it)',
  })
  @IsOptional()
  @IsIn(['da', 'en'])
  lang?: 'da' | 'en';
}

/** The range asked for, with defaults; a reversed or too long range is refused naming `from`. */
export function resolveRange(query: MonthRangeQuery, now: Date): { from: Month; to: Month } {
  const to = query.to ?? monthOf(copenhagenDateOf(now));
  const from = query.from ?? addMonths(to, -(DEFAULT_MONTHS - 1));
  checkOrder(from, to);
  return { from, to };
}

/** For one organisation's months: each end optional (all months when neither is given). */
export function checkOptionalRange(query: MonthRangeQuery): { from?: Month; to?: Month } {
  if (query.from !== undefined && query.to !== undefined) checkOrder(query.from, query.to);
  return { from: query.from, to: query.to };
}

function checkOrder(from: Month, to: Month): void {
  if (from > to) throw invalidField('from', 'isRange', `from (${from}) must not be after to (${to})`);
  if (addMonths(from, MAX_MONTHS - 1) < to)
    throw invalidField(
      'from',
      'isRange',
      `from (${from}) must be at most ${MAX_MONTHS} months before to (${to})`,
    );
}

const ORGANISATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A-kasse and jobcentre ids as the facts carry them. */
export function checkOrganisationId(field: 'akasseId' | 'jobcenterId', value: string): void {
  if (!ORGANISATION_ID.test(value))
    throw invalidField(field, 'isOrganisationId', `${field} must be 1–64 letters, digits, "-" or "_"`);
}
