/**
 * What a client may send in `initialize` → `initializationOptions`. Every field is optional: an
 * editor that sends nothing gets hovers any Markdown viewer can show and the default settings.
 */

/** How hovers point at other log lines. */
export type HoverLinks = 'command' | 'file' | 'text';

export interface InitializationOptions {
  /**
   * `command`: links that run the extension's `ccLogs.revealLine` (only the VS Code client can run
   * them; it sends this). `file`: standard `file://…#L<line>` links. `text` (the default): the file's
   * path and line as plain text (`/logs/Cisco001MIVR045.log:12`), which terminal editors open with
   * `gF` (Vim) or `ffap` (Emacs).
   */
  hoverLinks?: HoverLinks;
  /** The `ccLogs` settings, for clients that answer neither `workspace/configuration` nor push them. */
  ccLogs?: Record<string, unknown>;
}

export function isHoverLinks(v: unknown): v is HoverLinks {
  return v === 'command' || v === 'file' || v === 'text';
}
