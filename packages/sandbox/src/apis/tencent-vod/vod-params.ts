import { VodError, type VodErrorCode } from './vod-error.js';

interface StringRule {
  required?: boolean;
  max?: number;
  /** Error code when longer than `max` (default `InvalidParameterValue.<Name>`). */
  tooLong?: VodErrorCode;
}

/**
 * The parameters of one API 3.0 call, read with the checks the cloud makes: unknown names refused
 * (`UnknownParameter`), a wrong JSON type is `InvalidParameter`, a missing required one `MissingParameter`.
 */
export class VodParams {
  constructor(
    private readonly raw: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(raw).find((name) => !allowed.includes(name));
    if (unknown !== undefined) {
      throw new VodError('UnknownParameter', `The parameter \`${unknown}\` is not recognized.`);
    }
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  string(name: string, rule: StringRule & { required: true }): string;
  string(name: string, rule?: StringRule): string | undefined;
  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) {
      if (rule.required) throw new VodError('MissingParameter', `The parameter \`${name}\` is missing.`);
      return undefined;
    }
    if (typeof value !== 'string') {
      throw new VodError('InvalidParameter', `The type of parameter \`${name}\` must be String.`);
    }
    if (rule.required && value === '') {
      throw new VodError('MissingParameter', `The parameter \`${name}\` must not be empty.`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw new VodError(
        rule.tooLong ?? `InvalidParameterValue.${name}`,
        `The parameter \`${name}\` is longer than ${rule.max} characters.`,
      );
    }
    return value;
  }

  /** An integer in `[min, max]`; out of range is `InvalidParameterValue.<Name>`. */
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new VodError('InvalidParameter', `The type of parameter \`${name}\` must be Integer.`);
    }
    if (value < min || value > max) {
      throw new VodError(
        `InvalidParameterValue.${name}`,
        `The parameter \`${name}\` must be in [${min}, ${max}].`,
      );
    }
    return value;
  }

  stringArray(name: string, options: { required?: boolean; max: number }): string[] {
    const value = this.raw[name];
    if (value === undefined || value === null) {
      if (options.required) throw new VodError('MissingParameter', `The parameter \`${name}\` is missing.`);
      return [];
    }
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new VodError('InvalidParameter', `The type of parameter \`${name}\` must be Array of String.`);
    }
    if (value.length > options.max) {
      throw new VodError(
        `InvalidParameterValue.${name}`,
        `\`${name}\` holds more than ${options.max} items.`,
      );
    }
    return value as string[];
  }
}
