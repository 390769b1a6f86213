import { NewMessage, StoredMessage } from './memory-store';

/**
 * The JSON of a message without `seq` and `tokens`; the scripts put those two in front of it, so
 * the stored text always starts with `{"seq":<n>,"tokens":<n>,`.
 */
export function encodeMessageBody({ role, content, metadata, createdAt }: NewMessage): string {
  return JSON.stringify({ role, content, metadata, createdAt });
}

export function decodeStoredMessage(raw: string): StoredMessage {
  const { seq, role, content, metadata, tokens, createdAt } = JSON.parse(raw) as StoredMessage;
  return metadata === undefined
    ? { seq, role, content, tokens, createdAt }
    : { seq, role, content, metadata, tokens, createdAt };
}
