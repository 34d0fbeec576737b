;;; emacs.el --- Driven by test/editors/emacs.test.ts  -*- lexical-binding: t -*-

;; Emacs in batch mode with Eglot, as docs/editors.md sets it up: two major modes and ONE
;; `eglot-server-programs' entry for both. Eglot 1.9 (Debian 12's elpa-eglot) keeps one language
;; id per server, the one of the buffer that started it, so after haproxy.cfg has started the
;; server keepalived.conf is sent as "haproxy" too; the server must still analyse it as Keepalived.
;; What Flymake and ElDoc show is written as JSON to $HA_EMACS_OUT.

(require 'eglot)
(require 'flymake)
(require 'eldoc)
(require 'json)

(define-derived-mode haproxy-mode prog-mode "HAProxy"
  (setq-local comment-start "# "))
(define-derived-mode keepalived-mode prog-mode "Keepalived"
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("/haproxy[^/]*\\.cfg\\'" . haproxy-mode))
(add-to-list 'auto-mode-alist '("/keepalived[^/]*\\.conf\\'" . keepalived-mode))

(defvar ha-root (getenv "HA_EMACS_ROOT"))
(defvar ha-result nil "Alist written as JSON at the end.")

(add-to-list 'eglot-server-programs
             `(((haproxy-mode :language-id "haproxy")
                (keepalived-mode :language-id "keepalived"))
               . (,(getenv "HA_EMACS_SERVER") "--stdio")))

;; Nothing interactive may stop a batch run.
(setq eglot-sync-connect 20
      eglot-autoshutdown nil
      eldoc-echo-area-use-multiline-p t)

(defun ha-wait (predicate seconds)
  "Read server output until PREDICATE holds or SECONDS pass; return its last value."
  (let ((deadline (+ (float-time) seconds))
        (value (funcall predicate)))
    (while (and (not value) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (setq value (funcall predicate)))
    value))

(defun ha-codes ()
  "The rule codes of the Flymake diagnostics of the current buffer."
  (mapcar (lambda (diagnostic)
            ;; Eglot keeps the LSP diagnostic, code included, in the Flymake data.
            (let ((lsp (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diagnostic))))
              (format "%s" (plist-get lsp :code))))
          (flymake-diagnostics)))

(defun ha-hover-at (needle)
  "Move to the first NEEDLE in the current buffer and return what ElDoc collects there."
  (goto-char (point-min))
  (search-forward needle)
  (backward-char 2)
  (let ((docs nil))
    ;; Eglot 1.9 answers through `eldoc-documentation-functions'; ElDoc hands the answers to
    ;; its display functions, here one that keeps them instead of using the echo area.
    (setq-local eldoc-display-functions
                (list (lambda (collected &rest _) (setq docs collected))))
    (eldoc-print-current-symbol-info t)
    (ha-wait (lambda () docs) 20)
    (mapconcat (lambda (doc) (format "%s" (car doc))) docs "\n")))

(defvar ha-sent-language-ids nil "File name -> languageId Eglot sent in didOpen.")

;; What Eglot really sends: the languageId of each opened document.
(advice-add 'eglot--TextDocumentItem :filter-return
            (lambda (item)
              (push (cons (file-name-nondirectory (or buffer-file-name ""))
                          (plist-get item :languageId))
                    ha-sent-language-ids)
              item))

(defun ha-run ()
  ;; Eglot up to Emacs 29's keeps one language id per server; later ones send each mode's own.
  (push (cons 'singleLanguageId (and (fboundp 'eglot--language-id) t)) ha-result)
  (find-file (expand-file-name "haproxy.cfg" ha-root))
  (call-interactively #'eglot)
  (push (cons 'server (and (eglot-current-server) t)) ha-result)
  (find-file (expand-file-name "keepalived.conf" ha-root))
  (push (cons 'mode (symbol-name major-mode)) ha-result)
  (push (cons 'managed (and (bound-and-true-p eglot--managed-mode) t)) ha-result)
  (push (cons 'sentLanguageId (cdr (assoc "keepalived.conf" ha-sent-language-ids))) ha-result)
  (flymake-start)
  (let ((expected (getenv "HA_EMACS_EXPECTED_CODE")))
    (ha-wait (lambda () (member expected (ha-codes))) 20))
  (push (cons 'diagnostics (vconcat (ha-codes))) ha-result)
  (push (cons 'messages (vconcat (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
        ha-result)
  (push (cons 'hover (ha-hover-at (getenv "HA_EMACS_HOVER_AT"))) ha-result))

(condition-case err
    (ha-run)
  (error (push (cons 'error (error-message-string err)) ha-result)))
(with-temp-file (getenv "HA_EMACS_OUT")
  (insert (json-encode ha-result)))
(let ((server (ignore-errors (eglot-current-server))))
  (when server (ignore-errors (eglot-shutdown server))))
(kill-emacs 0)

;;; emacs.el ends here
