// Signing a round's minutes in the browser (docs/record.md). The head's Ed25519 private key
// is a non-extractable WebCrypto key kept in this browser's IndexedDB: generated here, or
// imported once from the 32-byte seed of a key made with `tahawul key new`. The script fetches
// the canonical minutes from the API, signs those exact bytes, and posts the signature; the
// server verifies it with the head's registered public key. The head registers the key kept
// here from their own account by signing a server-issued challenge. The private key never
// leaves.
"use strict";
(() => {
  const box = document.getElementById("sign");
  if (!box) return;
  const d = box.dataset;
  const $ = (id) => document.getElementById(id);
  const status = (text, bad) => {
    const s = $("sign-status");
    s.textContent = text;
    s.className = bad ? "error" : "";
  };
  const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
  const unhex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
  const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const unb64url = (s) => unb64(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  // PKCS #8 wrapping of an Ed25519 seed (RFC 8410): a fixed 16-byte prefix, then the seed.
  const PKCS8_PREFIX = unhex("302e020100300506032b657004220420");
  const ALG = { name: "Ed25519" };

  const db = () =>
    new Promise((ok, fail) => {
      const r = indexedDB.open("tahawul-signing", 1);
      r.onupgradeneeded = () => r.result.createObjectStore("keys");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
  const load = async () => {
    const conn = await db();
    return new Promise((ok, fail) => {
      const r = conn.transaction("keys").objectStore("keys").get("head");
      r.onsuccess = () => ok(r.result || null);
      r.onerror = () => fail(r.error);
    });
  };
  const save = async (entry) => {
    const conn = await db();
    return new Promise((ok, fail) => {
      const t = conn.transaction("keys", "readwrite");
      t.objectStore("keys").put(entry, "head");
      t.oncomplete = () => ok();
      t.onerror = () => fail(t.error);
    });
  };

  const show = (entry) => {
    const k = $("sign-key");
    if (!entry) {
      k.textContent = d.msgNoKey;
      return;
    }
    k.textContent = d.msgKey + " " + entry.public;
    if (d.registered && entry.public !== d.registered) k.textContent += " — " + d.msgNotRegistered;
  };

  const generate = async () => {
    const pair = await crypto.subtle.generateKey(ALG, false, ["sign", "verify"]);
    const pub = "ed25519:" + hex(await crypto.subtle.exportKey("raw", pair.publicKey));
    const entry = { privateKey: pair.privateKey, public: pub };
    await save(entry);
    show(entry);
  };

  const importSeed = async () => {
    const input = $("sign-seed");
    const seed = input.value.trim().toLowerCase().replace(/^0x/, "");
    input.value = "";
    if (!/^[0-9a-f]{64}$/.test(seed)) {
      status(d.msgBadSeed, true);
      return;
    }
    const der = new Uint8Array(48);
    der.set(PKCS8_PREFIX);
    der.set(unhex(seed), 16);
    // Extractable only long enough to read the public half (JWK `x`), then kept non-extractable.
    const tmp = await crypto.subtle.importKey("pkcs8", der, ALG, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", tmp);
    const pub = "ed25519:" + hex(unb64url(jwk.x));
    const key = await crypto.subtle.importKey("pkcs8", der, ALG, false, ["sign"]);
    der.fill(0);
    const entry = { privateKey: key, public: pub };
    await save(entry);
    show(entry);
    status("", false);
  };

  const sign = async () => {
    const entry = await load();
    if (!entry) {
      status(d.msgNoKey, true);
      return;
    }
    status(d.msgSigning, false);
    const url = "/api/v1/rounds/" + encodeURIComponent(d.round) + "/minutes";
    const m = await (await fetch(url, { credentials: "same-origin" })).json();
    const bytes = unb64(m.canonical_base64);
    const sig = await crypto.subtle.sign(ALG, entry.privateKey, bytes);
    const res = await fetch(url + "/signatures", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": d.csrf },
      body: JSON.stringify({ key: entry.public, signature: "ed25519:" + hex(sig) }),
    });
    if (res.status === 201) {
      status(d.msgSigned, false);
      window.location.reload();
      return;
    }
    const p = await res.json().catch(() => ({}));
    const detail = (p.errors && p.errors[0] && p.errors[0].detail) || p.detail || String(res.status);
    status(detail, true);
  };

  // Registers the key kept here as the head's own, from this account: the server issues a
  // challenge naming the person and the key, this browser signs it (proof of possession).
  const register = async () => {
    const entry = await load();
    if (!entry) {
      status(d.msgNoKey, true);
      return;
    }
    const post = (url, body) =>
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": d.csrf },
        body: JSON.stringify(body),
      });
    const fail = async (res) => {
      const p = await res.json().catch(() => ({}));
      status((p.errors && p.errors[0] && p.errors[0].detail) || p.detail || String(res.status), true);
    };
    const res = await post("/api/v1/keys/challenge", { person: d.person, key: entry.public });
    if (res.status !== 201) return fail(res);
    const ch = await res.json();
    const proof = await crypto.subtle.sign(ALG, entry.privateKey, unb64(ch.challenge_base64));
    const done = await post("/api/v1/keys", {
      person: d.person,
      key: entry.public,
      nonce: ch.nonce,
      proof: "ed25519:" + hex(proof),
    });
    if (done.status !== 201) return fail(done);
    status(d.msgRegistered, false);
    window.location.reload();
  };

  const guard = (f) => () => f().catch((e) => status(String(e && e.message ? e.message : e), true));
  if (!window.crypto || !crypto.subtle || !window.indexedDB) {
    status(d.msgUnsupported, true);
    return;
  }
  $("sign-generate").addEventListener("click", guard(generate));
  $("sign-import").addEventListener("click", guard(importSeed));
  $("sign-button").addEventListener("click", guard(sign));
  $("sign-register").addEventListener("click", guard(register));
  load().then(show, () => show(null));
})();
