;;; emacs-driver.el --- drives Emacs, configured by docs/editors/cc-logs.el, through the checks of scripts/editors-test.mjs  -*- lexical-binding: t -*-
;; Reads the plan (CC_LOGS_PLAN), writes what it saw (CC_LOGS_OUT).
(require 'json)
(require 'cl-lib)

(defvar cc-drv-plan (let ((json-object-type 'alist) (json-array-type 'list) (json-key-type 'symbol))
                      (json-read-file (getenv "CC_LOGS_PLAN"))))
(defvar cc-drv-errors nil)
(defvar cc-drv-out nil)

(defun cc-drv-get (obj &rest keys)
  (dolist (k keys obj) (setq obj (alist-get k obj))))
(defun cc-drv-put (key value) (push (cons key value) cc-drv-out))
(defun cc-drv-note (msg) (push msg cc-drv-errors))

(defun cc-drv-open (path)
  (find-file path)
  ;; eglot-ensure connects from the command loop, which batch mode does not run.
  (run-hooks 'post-command-hook)
  (current-buffer))

(defun cc-drv-wait-server ()
  (let ((deadline (+ (float-time) 20)))
    (while (and (not (eglot-current-server)) (< (float-time) deadline))
      (run-hooks 'post-command-hook)
      (accept-process-output nil 0.1))
    (eglot-current-server)))

(defun cc-drv-position (spot)
  (list :line (cc-drv-get spot 'line) :character (cc-drv-get spot 'character)))

(defun cc-drv-params (spot)
  (list :textDocument (list :uri (plist-get (plist-get (eglot--TextDocumentPositionParams) :textDocument) :uri))
        :position (cc-drv-position spot)))

(defun cc-drv-request (method params)
  (condition-case e
      (jsonrpc-request (eglot-current-server) method params :timeout 20)
    (error (cc-drv-note (format "%s: %S" method e)) nil)))

(defun cc-drv-hover (spot)
  (let* ((r (cc-drv-request :textDocument/hover (cc-drv-params spot)))
         (c (and r (plist-get r :contents))))
    (cond ((stringp c) c)
          ((plist-get c :value))
          (t ""))))

(defun cc-drv-until (ask ok)
  (let ((v (funcall ask)) (deadline (+ (float-time) 30)))
    (while (and (not (funcall ok v)) (< (float-time) deadline))
      (accept-process-output nil 0.3)
      (setq v (funcall ask)))
    v))

(defun cc-drv-references (spot)
  (vconcat (cc-drv-request :textDocument/references
                           (append (cc-drv-params spot) (list :context (list :includeDeclaration t))))))

(defun cc-drv-run ()
  (if (equal (cc-drv-get cc-drv-plan 'phase) "filetypes")
      (let (fts attached)
        (dolist (f (cc-drv-get cc-drv-plan 'filetypes))
          (with-current-buffer (cc-drv-open (cc-drv-get f 'path))
            (push (cons (cc-drv-get f 'path) (symbol-name major-mode)) fts)
            (when (eq (cc-drv-get f 'attach) t)
              (push (cons (cc-drv-get f 'path) (if (cc-drv-wait-server) t :json-false)) attached))))
        (cc-drv-put 'filetypes fts)
        (cc-drv-put 'attached attached))
    (let* ((contact-spot (cc-drv-get cc-drv-plan 'contact))
           (contact (cc-drv-open (cc-drv-get contact-spot 'path))))
      (unless (cc-drv-wait-server) (error "no server for %s" (buffer-file-name)))
      (cc-drv-put 'rootUri (let ((p (project-current))) (and p (project-root p))))
      ;; Where eglot came from: Emacs's own Lisp (29+) or a package (elpa-eglot for Emacs 28).
      (let ((file (symbol-file 'eglot-ensure))
            (own (expand-file-name "lisp" (file-name-directory (directory-file-name data-directory)))))
        (cc-drv-put 'eglotFile file)
        (cc-drv-put 'branch (if (and file (file-in-directory-p file own)) "builtin" "elpa")))
      (cc-drv-put 'references
                  (cc-drv-until (lambda () (cc-drv-references contact-spot))
                                (lambda (r) (>= (length (delete-dups (mapcar (lambda (l) (plist-get l :uri)) r)))
                                                (cc-drv-get cc-drv-plan 'minReferenceFiles)))))
      ;; The hover counts from the index, which may still be building after references (answered by the
      ;; cold search) reached every file: ask until it no longer says so.
      (cc-drv-put 'contactHover
                  (cc-drv-until (lambda () (cc-drv-hover contact-spot))
                                (lambda (h) (and (> (length h) 0)
                                                 (not (string-match-p "still being built" h))))))
      (cc-drv-put 'definition (cc-drv-request :textDocument/definition (cc-drv-params contact-spot)))
      (let ((arm (cc-drv-get cc-drv-plan 'arm)))
        (with-current-buffer (cc-drv-open (cc-drv-get arm 'path))
          (cc-drv-wait-server)
          (cc-drv-put 'armHover (cc-drv-hover arm))))
      (let* ((time (cc-drv-get cc-drv-plan 'time))
             (trace (cc-drv-open (cc-drv-get time 'path))))
        (cc-drv-wait-server)
        (cc-drv-put 'timeHoverBefore (cc-drv-hover time))
        ;; The recipe's helper for workspace/executeCommand: the timeline and the flows of the ID at point.
        (with-current-buffer contact
          (goto-char (point-min))
          (forward-line (cc-drv-get contact-spot 'line))
          (forward-char (cc-drv-get contact-spot 'character))
          (cc-drv-put 'commands
                      (mapcar (lambda (command)
                                (cons (intern command)
                                      (condition-case e
                                          (list (cons 'result (or (cc-logs-command command) :null)))
                                        (error (list (cons 'error (format "%S" e)))))))
                              (cc-drv-get cc-drv-plan 'commands))))
        ;; The user commands: M-x cc-logs-timeline and M-x cc-logs-flows show the answer in a buffer.
        (with-current-buffer contact
          (cc-drv-put 'shown
                      (mapcar (lambda (c)
                                (let ((name (format "*%s*" (cdr c))))
                                  (when (get-buffer name) (kill-buffer name))
                                  (condition-case e (call-interactively (car c))
                                    (error (cc-drv-note (format "%s: %S" (car c) e))))
                                  (cons (intern (cdr c))
                                        (if (get-buffer name)
                                            (with-current-buffer name (buffer-string))
                                          :null))))
                              '((cc-logs-timeline . "ccLogs.timeline") (cc-logs-flows . "ccLogs.flows")))))
        ;; A user changing settings at run time, the way eglot sends them.
        (let ((settings (copy-sequence (plist-get (default-value 'eglot-workspace-configuration) :ccLogs)))
              (change (let ((json-object-type 'plist) (json-array-type 'vector))
                        (json-read-from-string (cc-drv-get cc-drv-plan 'changeJson)))))
          (cl-loop for (k v) on change by #'cddr do (setq settings (plist-put settings k v)))
          (setq-default eglot-workspace-configuration (list :ccLogs settings)))
        (with-current-buffer trace
          (eglot-signal-didChangeConfiguration (eglot-current-server))
          (cc-drv-put 'timeHoverAfter
                      (cc-drv-until (lambda () (cc-drv-hover time))
                                    (lambda (h) (string-search (cc-drv-get cc-drv-plan 'expectAfter) h)))))
        (with-current-buffer contact
          (cc-drv-put 'referencesAfter
                      (cc-drv-until (lambda () (cc-drv-references contact-spot))
                                    (lambda (r)
                                      (and (cl-some (lambda (l) (string-search (cc-drv-get cc-drv-plan 'keptName)
                                                                               (plist-get l :uri)))
                                                    r)
                                           (not (cl-some (lambda (l) (string-search (cc-drv-get cc-drv-plan 'excludedName)
                                                                                       (plist-get l :uri)))
                                                           r)))))))))))

(condition-case e
    (cc-drv-run)
  (error (cc-drv-note (format "driver: %S" e))))
(cc-drv-put 'phase (cc-drv-get cc-drv-plan 'phase))
(cc-drv-put 'errors (or cc-drv-errors []))
(with-temp-file (getenv "CC_LOGS_OUT")
  (let ((json-encoding-pretty-print nil))
    (insert (json-encode cc-drv-out))))
;; The servers are stopped quietly before Emacs exits: exiting under them would make eglot answer, or
;; mourn, a dead process from its filter and sentinel.
(setq eglot-autoreconnect nil)
(let (servers)
  (maphash (lambda (_ list) (setq servers (append list servers))) eglot--servers-by-project)
  (dolist (s servers)
    (let ((proc (jsonrpc--process s)))
      (when (process-live-p proc)
        (set-process-filter proc #'ignore)
        (set-process-sentinel proc #'ignore)
        (delete-process proc)))))
(kill-emacs 0)
