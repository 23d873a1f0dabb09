# Cisco contact-center logs in Sublime Text 4: the answer of a server command (the timeline, the flows)
# opens as JSON in a new tab. The LSP package's own `lsp_execute` only says "command ... completed" in the
# status bar; this is `lsp_execute` (same arguments: session_name, command_name, command_args with
# "$text_document_position") with the answer shown. Copy it to your Packages/User folder beside
# Default.sublime-commands and LSP.sublime-settings (Preferences > Browse Packages...).
import json

import sublime
from LSP.plugin.execute_command import LspExecuteCommand


class CcLogsExecuteCommand(LspExecuteCommand):
    """`cc_logs_execute`: workspace/executeCommand of the cc-logs server, its answer in a new tab."""

    def handle_success_async(self, result, command_name):
        window = self.view.window()
        if window is None:
            return
        if isinstance(result, dict) and isinstance(result.get("error"), str):
            window.status_message("{}: {}".format(command_name, result["error"]))
            return
        text = json.dumps(result, indent=2, ensure_ascii=False)

        def show():
            view = window.new_file()
            view.set_scratch(True)
            view.set_name(command_name)
            view.assign_syntax("scope:source.json")
            view.run_command("append", {"characters": text})
            view.set_read_only(True)

        sublime.set_timeout(show)
