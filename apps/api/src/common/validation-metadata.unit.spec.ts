import { IsInt, IsString, MetadataStorage, validateSync } from 'class-validator';
import { keepValidationMetadata } from './validation-metadata';

class Interview {
  @IsString()
  form!: string;
}

const problems = (value: object) =>
  validateSync(value, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.constraints);

describe('validation metadata kept per class', () => {
  describe('given a storage that keeps what it works out', () => {
    const storage = new MetadataStorage();
    keepValidationMetadata(storage);
    class Target {}

    it('answers the same class with the same metadata, not a new copy each validation', () => {
      const first = storage.getTargetValidationMetadatas(Target, '', false, false);
      expect(storage.getTargetValidationMetadatas(Target, '', false, false)).toBe(first);
      expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    });
  });

  describe('when class-validator’s own storage keeps them', () => {
    beforeAll(() => keepValidationMetadata());

    it('reports the same failures, validation after validation', () => {
      const wrong = Object.assign(new Interview(), { form: 7, extra: true });
      const expected = [
        { whitelistValidation: 'property extra should not exist' },
        { isString: 'form must be a string' },
      ];
      expect(problems(wrong)).toEqual(expected);
      expect(problems(wrong)).toEqual(expected);
      expect(problems(Object.assign(new Interview(), { form: 'in-person' }))).toEqual([]);
    });

    it('honours a decorator applied after the class was validated', () => {
      class Hours {
        @IsInt()
        hours!: number;
      }
      const late = Object.assign(new Hours(), { hours: 3, note: 'x' });
      expect(problems(late)).toEqual([{ whitelistValidation: 'property note should not exist' }]);
      IsString()(Hours.prototype, 'note');
      expect(problems(late)).toEqual([]);
    });
  });
});
