import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: 'aid-ledger' });
export const metrics = new Metrics({ namespace: 'AidLedger', serviceName: 'aid-ledger' });
