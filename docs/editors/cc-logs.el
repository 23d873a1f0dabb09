;;; cc-logs.el --- Cisco contact-center logs in Emacs with eglot  -*- lexical-binding: t -*-

;; File types (one major mode per log format, by file name, then by the first line) and the
;; language server through eglot, with a root folder and settings. Works with Emacs 28 and the
;; elpa-eglot package (eglot 1.9; Debian: apt install elpa-eglot) and with Emacs 29+ (eglot built
;; in). Load it from your init file: (load "/path/to/cisco-cc-logs/docs/editors/cc-logs.el"), and
;; set the server path below or in the environment variable CC_LOGS_SERVER.
;; Commands: M-x cc-logs-timeline, M-x cc-logs-flows (the ID at point), M-x cc-logs-command.

(require 'eglot) ; before touching eglot-server-programs
(require 'project)
(require 'json)
(require 'cl-lib)

(defvar cc-logs-server
  (or (getenv "CC_LOGS_SERVER")
      (expand-file-name "~/cisco-cc-logs/server/out/server.js"))
  "Path of the built server, server/out/server.js.")

;; 1. File types: one mode per log format, all derived from `cc-logs-mode'.
(define-derived-mode cc-logs-mode fundamental-mode "CC-Log"
  "Base mode of Cisco contact-center logs."
  (setq-local truncate-lines t))

(defmacro cc-logs--define-mode (mode name)
  `(define-derived-mode ,mode cc-logs-mode ,name))

(cc-logs--define-mode cisco-uccx-engine-mode "UCCX-Engine")
(cc-logs--define-mode cisco-uccx-admin-mode "UCCX-Admin")
(cc-logs--define-mode cisco-socialminer-mode "SocialMiner")
(cc-logs--define-mode cisco-ece-mode "ECE")
(cc-logs--define-mode cisco-icm-trace-mode "ICM-Trace")
(cc-logs--define-mode cisco-icm-tools-mode "ICM-Tools")
(cc-logs--define-mode cisco-chat-console-mode "Chat-Console")
(cc-logs--define-mode cisco-jtapi-mode "JTAPI")

(defconst cc-logs-file-names
  ;; Earlier entries win: the more specific names first (opctest before opc).
  '(("/CiscoJtapi[^/]*\\.\\(?:log\\(?:\\.gz\\)?\\|txt\\)\\'" . cisco-jtapi-mode)
    ("Cisco[^/]*MIVR[^/]*\\.log\\(?:\\.gz\\)?\\'" . cisco-uccx-engine-mode)
    ("Cisco[^/]*\\(?:MCVD\\|MCLI\\|MARC\\|MEDM\\)[^/]*\\.log\\'" . cisco-uccx-engine-mode)
    ("Cisco[^/]*MADM[^/]*\\.log\\(?:\\.gz\\)?\\'" . cisco-uccx-admin-mode)
    ("/\\(?:CCBU-\\|Error-\\)[^/]*\\.log\\(?:\\.gz\\)?\\'" . cisco-socialminer-mode)
    ("/eg_log_[^/]*\\.log\\(?:\\.[^/]*\\)?\\'" . cisco-ece-mode)
    ("/[^/]*\\(?:rttest\\|opctest\\|procmon\\)[^/]*\\.txt\\'" . cisco-icm-tools-mode)
    ("/[^/]*\\(?:rttest\\|opctest\\)[^/]*\\.log\\'" . cisco-icm-tools-mode)
    ("/console-export[^/]*\\.\\(?:log\\|txt\\)\\'" . cisco-chat-console-mode)
    ("/[^/]*ctisvr[^/]*\\.\\(?:txt\\|log\\)\\'" . cisco-icm-trace-mode)
    ("/[^/]*\\(?:opc\\|pim\\|rtr\\|router\\|jgw\\|mds\\)[^/]*\\.txt\\'" . cisco-icm-trace-mode)
    ("/[^/]*-opc[^/]*\\.log\\'" . cisco-icm-trace-mode)
    ("\\.ems\\.txt\\'" . cisco-icm-trace-mode)
    ("/[^/]*console[^/]*\\.log\\'" . cisco-chat-console-mode))
  "File names of each log format (as the VS Code extension knows them).")

(defconst cc-logs-first-lines
  '(("[0-9]\\{4\\}-[0-9][0-9]-[0-9][0-9] [0-9:]\\{8\\}[.,][0-9]+ \\(?:GMT\\|UTC\\)[-+][0-9:]+ <@> " . cisco-ece-mode)
    ("\\(?:[A-Za-z]:\\\\[^>\n]*>\\)?\\(?:rttest\\|opctest\\|procmon\\)\\_>" . cisco-icm-tools-mode)
    ("\\(?:Events from \\|[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\\(?::[0-9]\\{3\\}\\)? [A-Za-z0-9]+-[A-Za-z0-9_]+ \\)" . cisco-icm-trace-mode)
    ("[0-9]\\{1,10\\}: [A-Z][a-z][a-z] +[0-9]+ [0-9:.]+ [-A-Z+0-9]+ %JTAPI-" . cisco-jtapi-mode)
    ("[0-9]\\{3,10\\}: [A-Z][a-z][a-z] +[0-9]+ [0-9:.]+ [-A-Z+0-9]+ %MADM-" . cisco-uccx-admin-mode)
    ("[0-9]\\{3,10\\}: [A-Z][a-z][a-z] +[0-9]+ [0-9:.]+ [-A-Z+0-9]+ %[A-Z][A-Z0-9]+-" . cisco-uccx-engine-mode)
    ("\\(?:[0-9]+: \\)?[^: \t\n]*: [A-Z][a-z][a-z] +[0-9]+ [0-9]\\{4\\} [0-9:]\\{8\\}" . cisco-socialminer-mode)
    ("\\(?:\\(?:Mon\\|Tue\\|Wed\\|Thu\\|Fri\\|Sat\\|Sun\\) [A-Z][a-z][a-z] [0-9][0-9] [0-9]\\{4\\} [0-9:]\\{8\\} GMT[-+][0-9]\\{4\\}\\|\\(?:[0-9]+) \\)?\\(?:GET\\|POST\\|PUT\\|DELETE\\|OPTIONS\\) https?://\\)" . cisco-chat-console-mode))
  "First lines of each log format, for files whose names say nothing.")

(dolist (entry (reverse cc-logs-file-names))
  (add-to-list 'auto-mode-alist entry))

(defun cc-logs--mode-by-content ()
  "The log mode whose first line matches, for .log and .txt files whose names say nothing."
  (and buffer-file-name
       (string-match-p "\\.\\(?:log\\|txt\\)\\'" buffer-file-name)
       (not (cl-loop for (re . _) in cc-logs-file-names thereis (string-match-p re buffer-file-name)))
       (save-excursion
         (goto-char (point-min))
         (let ((case-fold-search nil))
           (cl-loop for (re . mode) in cc-logs-first-lines
                    when (looking-at re) return mode)))))

(dolist (mode (delete-dups (mapcar #'cdr cc-logs-first-lines)))
  (add-to-list 'magic-mode-alist
               (cons (lambda () (eq (cc-logs--mode-by-content) mode)) mode)))

;; 2. The root folder the server indexes: the folder Emacs was started in when the log lies below
;; it (cd into the bundle, then open a file), else the log's own folder.
(defun cc-logs-project (dir)
  (when (derived-mode-p 'cc-logs-mode)
    (let ((start (expand-file-name command-line-default-directory)))
      (cons 'transient
            (if (and (not (member (directory-file-name start) (list "/" (expand-file-name "~"))))
                     (string-prefix-p start (expand-file-name dir)))
                start
              (expand-file-name dir))))))
(add-hook 'project-find-functions #'cc-logs-project)

;; 3. The server. eglot 1.9 sends one language id per server: "cc-logs", which the server does not
;; know, so it tells the format of each file by its name and first lines.
(add-to-list 'eglot-server-programs
             `(((cisco-uccx-engine-mode :language-id "cc-logs")
                (cisco-uccx-admin-mode :language-id "cc-logs")
                (cisco-socialminer-mode :language-id "cc-logs")
                (cisco-ece-mode :language-id "cc-logs")
                (cisco-icm-trace-mode :language-id "cc-logs")
                (cisco-icm-tools-mode :language-id "cc-logs")
                (cisco-chat-console-mode :language-id "cc-logs")
                (cisco-jtapi-mode :language-id "cc-logs"))
               . ("node" ,cc-logs-server "--stdio")))

;; Settings, as in VS Code's `ccLogs.*' (see the README's Settings table).
(setq-default eglot-workspace-configuration
              '(:ccLogs (:zonelessOffset "+02:00" :index (:maxTotalGB 4))))

(add-hook 'cc-logs-mode-hook #'eglot-ensure)

;; 4. Commands the server runs (workspace/executeCommand): the answer opens in a buffer.
(defun cc-logs-command (command &optional arguments)
  "Run the server's COMMAND with ARGUMENTS (default: the ID at point) and return its answer."
  (interactive "sCommand: ")
  (let* ((server (or (eglot-current-server) (user-error "No log server for this buffer")))
         (here (eglot--TextDocumentPositionParams))
         (args (or arguments
                   (vector (list :uri (plist-get (plist-get here :textDocument) :uri)
                                 :position (plist-get here :position)))))
         (answer (jsonrpc-request server :workspace/executeCommand
                                  (list :command command :arguments args))))
    (when (called-interactively-p 'any)
      (with-current-buffer (get-buffer-create (format "*%s*" command))
        (let ((inhibit-read-only t))
          (erase-buffer)
          (insert (if (stringp answer) answer (json-encode answer)))
          (goto-char (point-min)))
        (display-buffer (current-buffer))))
    answer))

(defun cc-logs-timeline ()
  "The timeline of the ID at point (workspace/executeCommand ccLogs.timeline)."
  (interactive)
  (cc-logs-command "ccLogs.timeline"))

(defun cc-logs-flows ()
  "The flows of the ID at point (workspace/executeCommand ccLogs.flows)."
  (interactive)
  (cc-logs-command "ccLogs.flows"))

(provide 'cc-logs)
;;; cc-logs.el ends here
