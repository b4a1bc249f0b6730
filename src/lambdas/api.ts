import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { handleApiRequest, type ApiDeps } from '../api/app';

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function createApiHandler(deps: Omit<ApiDeps, 'logError'> & { logger: Logger }): ApiHandler {
  const { logger, ...rest } = deps;
  const api: ApiDeps = {
    ...rest,
    logError: (message, details) => logger.error(message, details),
  };
  return async (event, context) => {
    if (context) logger.addContext(context);
    return handleApiRequest(api, event);
  };
}
