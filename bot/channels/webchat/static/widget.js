/*!
 * Compassionate-release assistant: the website chat widget (docs/widget.md).
 *
 * Embed with one tag, anywhere in the page:
 *   <script src="https://ASSISTANT/webhooks/webchat/widget.js" defer></script>
 * Optional settings, as data- attributes on that tag:
 *   data-server-url       the assistant's address (default: where widget.js came from)
 *   data-title            the chat's title
 *   data-quick-exit-url   the neutral page "Leave quickly" opens (http or https;
 *                         default https://www.google.com/)
 *   data-open             "true": open the chat on the first page view in a tab
 *   data-timeout-seconds  how long to wait for an answer (default 30)
 *
 * No globals. The conversation is kept only in this tab's sessionStorage (no other browser
 * storage, no cookies), so nothing stays on the device once the tab is closed. Escape pressed
 * twice within a second is the same as "Leave quickly".
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.src || document.getElementById("cr-webchat-host")) {
    return;
  }

  // ---- settings --------------------------------------------------------------------------
  const data = script.dataset;
  const scriptUrl = new URL(script.src, document.baseURI);
  const assetBase = new URL("./", scriptUrl).href;
  const serverBase = data.serverUrl
    ? new URL(data.serverUrl, document.baseURI).href.replace(/\/+$/, "") + "/webhooks/webchat/"
    : assetBase;
  const webhookUrl = serverBase + "webhook";
  const title = data.title || "Questions about compassionate release";
  const quickExitUrl = safeExitUrl(data.quickExitUrl);
  const openByDefault = data.open === "true";
  const timeoutMs = 1000 * (Number(data.timeoutSeconds) > 0 ? Number(data.timeoutSeconds) : 30);

  const STORE_PREFIX = "cr-webchat:";
  const STORE_KEY = STORE_PREFIX + webhookUrl;
  const LINK_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"];
  const ALLOWED_TAGS = ["p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code",
    "pre", "blockquote", "del", "hr"];
  const WELCOME = "Hello. I'm an automated assistant for families of people in U.S. federal " +
    "prison. I can explain compassionate release: who may qualify, how to ask the warden, and " +
    "when you can go to court. I give general information, not legal advice. What would you " +
    "like to know?";
  const STARTERS = [
    { title: "What is compassionate release?", payload: "What is compassionate release?" },
    { title: "Could my loved one qualify?", payload: "/check_eligibility" },
    { title: "When can we go to court?", payload: "/ask_court_deadline" },
  ];

  function safeExitUrl(value) {
    try {
      const url = new URL(value || "", document.baseURI);
      if (value && (url.protocol === "https:" || url.protocol === "http:")) {
        return url.href;
      }
    } catch (ignored) {
      // fall through to the default
    }
    return "https://www.google.com/";
  }

  // ---- storage: this tab only ------------------------------------------------------------
  function newSender() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join("-");
  }

  function freshState() {
    return { sender: newSender(), messages: [], open: null, draft: "" };
  }

  function validMessage(item) {
    return item && (item.role === "user" || item.role === "bot") &&
      typeof item.text === "string" &&
      (item.buttons === undefined || (Array.isArray(item.buttons) && item.buttons.every(
        (b) => b && typeof b.title === "string" && typeof b.payload === "string")));
  }

  function loadState() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages) &&
          saved.messages.every(validMessage)) {
        return {
          sender: saved.sender,
          messages: saved.messages,
          open: typeof saved.open === "boolean" ? saved.open : null,
          draft: typeof saved.draft === "string" ? saved.draft : "",
        };
      }
    } catch (ignored) {
      // storage blocked or damaged: start afresh
    }
    return freshState();
  }

  function saveState() {
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (ignored) {
      // storage full or blocked: the chat still works, it just won't survive a reload
    }
  }

  function clearStorage() {
    try {
      const store = window.sessionStorage;
      for (let i = store.length - 1; i >= 0; i -= 1) {
        const key = store.key(i);
        if (key && key.indexOf(STORE_PREFIX) === 0) {
          store.removeItem(key);
        }
      }
    } catch (ignored) {
      // nothing stored
    }
  }

  // ---- rendering -------------------------------------------------------------------------
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      const value = attributes[name];
      if (name === "text") {
        node.textContent = value;
      } else if (name === "className") {
        node.className = value;
      } else if (value === true) {
        node.setAttribute(name, "");
      } else if (value !== false && value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    });
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  let renderMarkdown = null;
  const librariesReady = Promise.all([
    import(assetBase + "vendor/marked.esm.js"),
    import(assetBase + "vendor/purify.es.mjs"),
  ]).then(([markedModule, purifyModule]) => {
    const markdown = new markedModule.Marked({ gfm: true, breaks: true, async: false });
    const purify = purifyModule.default(window);
    renderMarkdown = (text) => {
      const fragment = purify.sanitize(markdown.parse(text), {
        ALLOWED_TAGS: ALLOWED_TAGS,
        ALLOWED_ATTR: ["href", "start"],
        RETURN_DOM_FRAGMENT: true,
      });
      fragment.querySelectorAll("a").forEach(makeLinkSafe);
      return fragment;
    };
  }).catch(() => {
    renderMarkdown = null; // the libraries did not load: bot messages are shown as plain text
  });

  function makeLinkSafe(link) {
    const href = (link.getAttribute("href") || "").trim();
    let allowed = false;
    try {
      allowed = /^(https?:|mailto:|tel:)/i.test(href) &&
        LINK_PROTOCOLS.indexOf(new URL(href).protocol) !== -1;
    } catch (ignored) {
      allowed = false;
    }
    if (!allowed) {
      link.replaceWith(...Array.from(link.childNodes));
      return;
    }
    link.setAttribute("target", "_blank");
    link.setAttribute("rel", "noopener noreferrer");
    link.append(el("span", { className: "sr-only", text: " (opens in a new tab)" }));
  }

  function messageBody(item) {
    if (item.role === "bot" && renderMarkdown) {
      try {
        return el("div", {}, [renderMarkdown(item.text)]);
      } catch (ignored) {
        // fall back to plain text below
      }
    }
    return el("div", { className: "plain", text: item.text });
  }

  function messageNode(item, turn) {
    const who = item.role === "bot" ? "Assistant" : "You";
    return el("div", { className: "msg " + item.role, "data-turn": String(turn) }, [
      el("span", { className: "sr-only", text: who + " said: " }),
      messageBody(item),
    ]);
  }

  // ---- the widget's DOM ------------------------------------------------------------------
  const host = el("div", { id: "cr-webchat-host" });
  host.style.display = "none"; // until its stylesheet has loaded
  const shadow = host.attachShadow({ mode: "open" });
  const stylesheet = el("link", { rel: "stylesheet", href: assetBase + "widget.css" });
  const reveal = () => { host.style.display = ""; };
  stylesheet.addEventListener("load", reveal);
  stylesheet.addEventListener("error", reveal);

  const launcher = el("button", { type: "button", className: "launcher", text: "Chat with us" });
  const exitButton = el("button", {
    type: "button",
    className: "exit",
    "aria-describedby": "cr-exit-hint",
    text: "Leave quickly",
  });
  const hideButton = el("button", { type: "button", className: "hide" }, [
    "Hide", el("span", { className: "sr-only", text: " chat" }),
  ]);
  const log = el("div", {
    className: "log",
    role: "log",
    "aria-label": "Conversation",
    tabindex: "0",
  });
  const status = el("div", { className: "status", role: "status" });
  const alertBox = el("div", { className: "alert", role: "alert" });
  const input = el("textarea", {
    id: "cr-input",
    className: "input",
    rows: "1",
    maxlength: "5000",
    placeholder: "Type your question",
    enterkeyhint: "send",
    "aria-describedby": "cr-input-hint",
  });
  const sendButton = el("button", { type: "submit", className: "send", text: "Send" });
  const form = el("form", { className: "compose", novalidate: true }, [
    el("label", { for: "cr-input", className: "sr-only", text: "Your message" }),
    input,
    sendButton,
  ]);
  const restartButton = el("button", { type: "button", className: "link", text: "Start over" });
  const eraseButton = el("button", {
    type: "button",
    className: "link",
    text: "Erase my conversation",
  });
  const panel = el("section", { className: "panel", "aria-labelledby": "cr-title" }, [
    el("div", { className: "header" }, [
      el("h2", { id: "cr-title", className: "title", text: title }),
      el("div", { className: "header-buttons" }, [exitButton, hideButton]),
    ]),
    el("p", { className: "note" }, [
      el("strong", { text: "General information, not legal advice." }),
      el("span", { className: "note-more", text: " Closing this tab clears the chat from this " +
        "device." }),
    ]),
    log,
    status,
    alertBox,
    form,
    el("p", { id: "cr-input-hint", className: "sr-only",
      text: "Press Enter to send, Shift and Enter for a new line." }),
    el("p", { id: "cr-exit-hint", className: "sr-only",
      text: "Clears this chat from the tab and opens another website. Shortcut: press " +
        "Escape twice." }),
    el("div", { className: "controls" }, [restartButton, eraseButton]),
  ]);
  const root = el("aside", { "aria-label": "Chat with our assistant" }, [launcher, panel]);

  // ---- state and behaviour ---------------------------------------------------------------
  let state = loadState();
  let turn = 0;
  let pending = false;
  let replies = null; // the quick-reply buttons on show, if any
  let focusInChat = false; // where keyboard focus was when the last message was sent

  function scrollTo(node) {
    log.scrollTop = node ? Math.max(0, node.offsetTop - 8) : log.scrollHeight;
  }

  function showReplies(buttons) {
    if (replies) {
      replies.remove();
      replies = null;
    }
    if (!buttons || buttons.length === 0) {
      return;
    }
    replies = el("div", { className: "replies", role: "group", "aria-label": "Suggested answers" },
      buttons.map((button) => {
        const node = el("button", { type: "button", className: "reply", text: button.title });
        node.addEventListener("click", () => {
          send(button.payload, button.title, { kind: "button" });
        });
        return node;
      }));
    log.append(replies);
  }

  function lastButtons() {
    const last = state.messages[state.messages.length - 1];
    if (!last) {
      return STARTERS;
    }
    return last.role === "bot" ? last.buttons : null;
  }

  function renderAll() {
    log.replaceChildren(messageNode({ role: "bot", text: WELCOME }, 0));
    state.messages.forEach((item) => log.append(messageNode(item, turn)));
    showReplies(lastButtons());
    scrollTo(null);
  }

  function setOpen(open, moveFocus) {
    panel.hidden = !open;
    launcher.hidden = open;
    state.open = open;
    saveState();
    if (open) {
      scrollTo(null);
      if (moveFocus) {
        input.focus();
      }
    } else if (moveFocus) {
      launcher.focus();
    }
  }

  function setTyping(typing) {
    if (!typing) {
      status.replaceChildren();
      return;
    }
    status.replaceChildren(
      el("span", { className: "dots", "aria-hidden": "true" }, [
        el("span"), el("span"), el("span"),
      ]),
      el("span", { text: "The assistant is typing…" }),
    );
  }

  function showError(message, retryLabel, retry) {
    const retryButton = el("button", { type: "button", className: "retry", text: retryLabel });
    retryButton.addEventListener("click", () => {
      alertBox.replaceChildren();
      retry();
    });
    alertBox.replaceChildren(el("p", { text: message }), retryButton);
  }

  function setBusy(busy) {
    pending = busy;
    host.dataset.busy = busy ? "true" : "false";
    log.setAttribute("aria-busy", busy ? "true" : "false");
  }

  class SendError extends Error {}

  async function post(payload) {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), timeoutMs);
    let answer;
    let body = null;
    try {
      answer = await fetch(webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.sender, message: payload }),
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
        signal: controller.signal,
      });
      body = await answer.json().catch(() => null);
    } catch (failure) {
      if (failure && failure.name === "AbortError") {
        throw new SendError("The assistant is taking too long to answer.");
      }
      // A browser hides why: no connection, or a website the assistant does not allow.
      window.console.warn("Chat widget: no answer from " + webhookUrl + ". If this page's " +
        "origin is not in the assistant's WEBCHAT_ALLOWED_ORIGINS, it refuses this page.");
      throw new SendError("We couldn't reach the assistant. Please check your internet " +
        "connection and try again.");
    } finally {
      window.clearTimeout(timer);
    }
    if (controller.signal.aborted) {
      throw new SendError("The assistant is taking too long to answer.");
    }
    if (!answer.ok || !body || !Array.isArray(body.messages)) {
      if (answer.status === 403) {
        throw new SendError("This website is not allowed to use the chat.");
      }
      throw new SendError(answer.status >= 500 || !body
        ? "Something went wrong on our side."
        : String(body.error || "The assistant could not read that message."));
    }
    return {
      erased: body.conversation_erased === true,
      messages: body.messages
        .filter((m) => m && typeof m.text === "string")
        .map((m) => {
          const item = { role: "bot", text: m.text };
          const buttons = Array.isArray(m.buttons) ? m.buttons.filter(
            (b) => b && typeof b.title === "string" && typeof b.payload === "string") : [];
          if (buttons.length) {
            item.buttons = buttons.map((b) => ({ title: b.title, payload: b.payload }));
          }
          return item;
        }),
    };
  }

  // kind: "typed" (from the message box), "button", "restart" or "erase".
  async function send(payload, shown, options) {
    if (pending || !payload) {
      return;
    }
    setBusy(true);
    focusInChat = panel.contains(shadow.activeElement);
    alertBox.replaceChildren();
    const userItem = { role: "user", text: shown };
    const userNode = messageNode(userItem, turn + 1);
    userNode.classList.add("pending");
    log.insertBefore(userNode, replies);
    if (replies) {
      replies.hidden = true;
    }
    scrollTo(null);
    setTyping(true);
    let result;
    try {
      result = await post(payload);
    } catch (failure) {
      userNode.remove();
      if (replies) {
        replies.hidden = false;
      }
      setTyping(false);
      setBusy(false);
      const reason = failure instanceof SendError ? failure.message : "Something went wrong.";
      if (options.kind === "typed") {
        input.value = input.value ? shown + "\n" + input.value : shown;
        state.draft = input.value;
        saveState();
        showError(reason + " Your message is back in the message box.", "Send again", submitForm);
      } else {
        showError(reason + " Please try again.", "Try again", () => send(payload, shown, options));
      }
      return;
    }
    turn += 1;
    setTyping(false);
    if (result.erased) {
      state = freshState();
      state.open = true;
      clearStorage();
      saveState();
      renderAll();
      result.messages.forEach((item) => log.insertBefore(messageNode(item, turn), replies));
      showReplies(null);
      finishTurn();
      return;
    }
    if (options.kind === "restart") {
      state.messages = [];
      log.replaceChildren(messageNode({ role: "bot", text: WELCOME }, 0));
      replies = null;
    } else {
      userNode.classList.remove("pending");
      state.messages.push(userItem);
    }
    let first = null;
    result.messages.forEach((item) => {
      state.messages.push(item);
      const node = messageNode(item, turn);
      log.insertBefore(node, replies);
      first = first || node;
    });
    saveState();
    showReplies(lastButtons());
    scrollTo(first);
    finishTurn();
  }

  function finishTurn() {
    setBusy(false);
    host.dataset.turn = String(turn);
    // A pressed quick reply is gone now: keep keyboard focus in the chat, on the message box.
    if (focusInChat && !panel.hidden && !panel.contains(shadow.activeElement)) {
      input.focus();
    }
  }

  function quickExit() {
    clearStorage();
    state = freshState();
    document.documentElement.style.visibility = "hidden";
    host.remove();
    window.location.replace(quickExitUrl);
  }

  // ---- events ----------------------------------------------------------------------------
  launcher.addEventListener("click", () => setOpen(true, true));
  hideButton.addEventListener("click", () => setOpen(false, true));
  exitButton.addEventListener("click", quickExit);
  restartButton.addEventListener("click", () => {
    send("/restart", "Start over", { kind: "restart" });
  });
  eraseButton.addEventListener("click", () => {
    send("/forget_me", "Erase my conversation", { kind: "erase" });
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || pending) {
      return;
    }
    input.value = "";
    state.draft = "";
    saveState();
    fitInput();
    send(text, text, { kind: "typed" });
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitForm();
    }
  });

  function submitForm() {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  }

  function fitInput() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 4, 140) + "px";
  }

  input.addEventListener("input", () => {
    state.draft = input.value;
    saveState();
    fitInput();
  });

  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.repeat) {
      return;
    }
    const now = Date.now();
    if (now - lastEscape < 1000) {
      quickExit();
    }
    lastEscape = now;
  }, true);

  // ---- start -----------------------------------------------------------------------------
  function start() {
    input.value = state.draft;
    host.dataset.turn = "0";
    setBusy(false);
    librariesReady.then(() => {
      renderAll();
      shadow.append(stylesheet, root);
      setOpen(state.open === null ? openByDefault : state.open, false);
      document.body.append(host);
      fitInput();
      host.dataset.ready = "true";
    });
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
