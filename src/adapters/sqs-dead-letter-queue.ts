import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue, StreamFailureMessage } from '../app/ports';

export class SqsDeadLetterQueue<M = StreamFailureMessage> implements DeadLetterQueue<M> {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: M): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
    );
  }

  async receive(max: number): Promise<DeadLetter<M>[]> {
    const out = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(10, max),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 300,
      }),
    );
    return (out.Messages ?? []).map((m) => ({
      id: m.ReceiptHandle!,
      message: JSON.parse(m.Body ?? '{}') as M,
    }));
  }

  async delete(id: string): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: id }));
  }
}
