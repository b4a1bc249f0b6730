/**
 * Composition on AWS: what each function needs, built once per execution environment from the
 * environment variables the stack sets (named in src/tables.ts). Each entry builds only the
 * clients its handler uses, so its cold start pays for nothing else.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { ENV, requireEnv, type EnvName } from '../../tables';

export const env = (name: EnvName): string => requireEnv(name, process.env);
export { ENV };

/** Service name and log level come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL. */
export const logger = new Logger();

export const now = (): string => new Date().toISOString();
