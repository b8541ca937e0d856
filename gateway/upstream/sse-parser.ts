/**
 * An incremental parser for `text/event-stream` bodies, following the WHATWG event-stream
 * interpretation rules (any of CRLF, LF, CR ends a line; a leading space after the colon is
 * dropped; an event without data is not dispatched). Both HTTP transports read their streams
 * through it, so chunk boundaries never split a message.
 */

/** SseEvent is one dispatched event. `event` is `message` when the stream named no type. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | undefined;
}

/** SseParser turns decoded text chunks into events; feed it strings, not bytes, so UTF-8 is decoded once with streaming state. */
export class SseParser {
  #buffer = '';
  #started = false;
  #dataLines: string[] = [];
  #hasData = false;
  #eventType = '';
  #lastEventId: string | undefined;

  /** feed adds one chunk and returns the events it completed. */
  feed(chunk: string): SseEvent[] {
    // The kept buffer holds no line end except perhaps a trailing CR, so scanning resumes near its end
    // instead of rescanning a long line on every chunk.
    const scanned = Math.max(0, this.#buffer.length - 1);
    let text = this.#buffer + chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = lineEnd(text, Math.max(start, scanned));
      if (end === -1) break;
      // A CR at the very end may be the first half of a CRLF that the next chunk completes.
      if (text.charCodeAt(end) === 13 && end === text.length - 1) break;
      const line = text.slice(start, end);
      start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    this.#buffer = text.slice(start);
    return events;
  }

  /** end settles a trailing CR at the end of the stream, which no following LF can join any more. */
  end(): SseEvent[] {
    if (!this.#buffer.endsWith('\r')) return [];
    return this.feed('\n');
  }

  #line(line: string): SseEvent | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#dataLines.push(value);
        this.#hasData = true;
        break;
      case 'event':
        this.#eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastEventId = value;
        break;
      default:
        // `retry` and unknown fields are ignored: reconnection timing is the transport's policy.
        break;
    }
    return undefined;
  }

  #dispatch(): SseEvent | undefined {
    const event = this.#hasData ? { event: this.#eventType || 'message', data: this.#dataLines.join('\n'), id: this.#lastEventId } : undefined;
    this.#dataLines = [];
    this.#hasData = false;
    this.#eventType = '';
    return event;
  }
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return -1;
}

/**
 * readSseEvents yields the events of a byte stream until it ends. An event still unterminated at
 * the end is dropped, as the specification says: a stream cut mid-event did not deliver it.
 */
export async function* readSseEvents(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.feed(text);
  }
  yield* parser.feed(decoder.decode());
  yield* parser.end();
}
