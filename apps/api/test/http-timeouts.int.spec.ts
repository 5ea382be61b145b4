import { connect, type AddressInfo, type Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createTestApp } from './test-app';

jest.setTimeout(20_000);

/** What a raw connection received until the server closed it, while `drip` (if any) kept being written to it. */
function untilClosed(port: number, first: string, drip?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(first);
      if (drip) timer = setInterval(() => socket.writable && socket.write(drip), 50);
    });
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined); // a write racing the server's close
    socket.on('close', () => {
      clearInterval(timer);
      resolve(received);
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`still open; received so far: ${received}`));
    }, 15_000).unref();
  });
}

describe('request timeouts of our own (as a reverse proxy would set them)', () => {
  let app: INestApplication;
  let port: number;
  beforeAll(async () => {
    app = await createTestApp({}, { httpTimeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 200 } });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  describe('when a client sends its headers slowly, never ending them', () => {
    it('answers 408 and closes the connection', async () => {
      const received = await untilClosed(port, 'GET /health/live HTTP/1.1\r\nHost: api\r\n', 'X-Slow: 1\r\n');
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    });
  });

  describe('when a client sends its body slowly, never finishing it', () => {
    it('answers 408 and closes the connection', async () => {
      const headers =
        'POST /persons/p-slow/facts HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{';
      const received = await untilClosed(port, headers, ' ');
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    });
  });

  describe('when a kept-alive connection stays idle after its answer', () => {
    it('closes it', async () => {
      const received = await untilClosed(port, 'GET /health/live HTTP/1.1\r\nHost: api\r\n\r\n');
      expect(received).toMatch(/^HTTP\/1\.1 200/);
      expect(received).toMatch(/Connection: keep-alive/i);
    });
  });
});
