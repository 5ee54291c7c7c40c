import { StreamConnection, type SseSink, type StreamEnd } from './stream-connection.js';

/** A response that keeps what it was sent, and can pretend its socket stopped taking bytes. */
class FakeSink implements SseSink {
  readonly chunks: string[] = [];
  unsent = 0;
  socketFull = false;
  state: 'open' | 'ended' | 'destroyed' = 'open';

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    if (this.socketFull) this.unsent += chunk.length;
    return !this.socketFull;
  }
  get writableLength(): number {
    return this.unsent;
  }
  end(): void {
    this.state = 'ended';
  }
  destroy(): void {
    this.state = 'destroyed';
  }
  ids(): number[] {
    return this.chunks.flatMap((chunk) => {
      const match = /^id: (\d+)\n/.exec(chunk);
      return match ? [Number(match[1])] : [];
    });
  }
}

const frame = (id: number) => `id: ${id}\nevent: job\ndata: {}\n\n`;

function connection(resumeAfter: number | null, limit = 1000) {
  const sink = new FakeSink();
  const ends: StreamEnd[] = [];
  const stream = new StreamConnection('u1', sink, limit, (_, why) => ends.push(why), resumeAfter);
  return { sink, ends, stream };
}

describe('a stream connection', () => {
  it('sends live events at once, each id once and in increasing order', () => {
    const { sink, stream } = connection(null);
    for (const id of [3, 4, 4, 2, 7]) stream.deliver(id, frame(id));
    expect(sink.ids()).toEqual([3, 4, 7]);
    expect(stream.lastEventId).toBe(7);
  });

  it('holds live events during a resume and sends those the replay did not, after it', () => {
    const { sink, stream } = connection(10);
    stream.deliver(14, frame(14));
    stream.deliver(12, frame(12));
    stream.replay(11, frame(11));
    stream.replay(12, frame(12));
    stream.deliver(15, frame(15));
    expect(sink.ids()).toEqual([11, 12]);
    stream.goLive();
    stream.deliver(15, frame(15));
    stream.deliver(16, frame(16));
    expect(sink.ids()).toEqual([11, 12, 14, 15, 16]);
  });

  it('sends nothing at or before the Last-Event-ID', () => {
    const { sink, stream } = connection(20);
    stream.replay(20, frame(20));
    stream.deliver(19, frame(19));
    stream.goLive();
    expect(sink.ids()).toEqual([]);
  });

  it('tells the client to refetch, with the newest id, and sends nothing older after it', () => {
    const { sink, stream } = connection(5);
    stream.deliver(101, frame(101));
    stream.deliver(99, frame(99));
    stream.reset(100);
    stream.goLive();
    expect(sink.chunks[0]).toMatch(/^id: 100\nevent: reset\ndata: \{"reason":"events_expired"/);
    expect(sink.ids()).toEqual([100, 101]);
  });

  it('drops a client whose unsent bytes pass the limit, and writes nothing more', () => {
    const { sink, ends, stream } = connection(null, 100);
    stream.deliver(1, frame(1));
    sink.socketFull = true;
    for (let id = 2; id < 10; id++) stream.deliver(id, frame(id));
    expect(ends).toEqual(['slow_client']);
    expect(sink.state).toBe('destroyed');
    expect(stream.isOpen).toBe(false);
    const written = sink.chunks.length;
    stream.deliver(20, frame(20));
    stream.heartbeat();
    expect(sink.chunks.length).toBe(written);
  });

  it('drops a client whose held events pass the limit while it resumes', () => {
    const { ends, stream } = connection(0, 100);
    for (let id = 1; id < 10; id++) stream.deliver(id, frame(id));
    expect(ends).toEqual(['slow_client']);
  });

  it('ends with a retry hint, once', () => {
    const { sink, ends, stream } = connection(null);
    stream.close(1500, 'shutdown');
    stream.close(1500, 'shutdown');
    stream.abandon('client_gone');
    expect(sink.chunks).toEqual(['retry: 1500\n\n']);
    expect(sink.state).toBe('ended');
    expect(ends).toEqual(['shutdown']);
  });

  it('sends heartbeats as comments', () => {
    const { sink, stream } = connection(null);
    stream.heartbeat();
    expect(sink.chunks).toEqual([': heartbeat\n\n']);
  });
});
