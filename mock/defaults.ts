/** Where the mock listens unless told otherwise (`--port`, `--host`), and where MSW answers by default. */
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BASE_URL = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
