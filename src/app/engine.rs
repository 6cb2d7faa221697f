//! The page's side of the estimator worker: spawns it, sends [`Request`]s,
//! and hands every [`Response`] to one handler.
//!
//! Requests sent before the worker has said `Ready` wait in a queue (a
//! worker drops messages that arrive before its handler is installed).
//! [`Engine::call`] also returns a promise of the answer, for code that
//! awaits one request at a time (the benchmark).

use crate::app::protocol::{Request, Response};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's start-up script (`www/worker-loader.js`), with the version
/// as a cache-buster (Trunk does not content-hash worker files).
const WORKER_URL: &str = concat!("./worker-loader.js?v=", env!("CARGO_PKG_VERSION"));

type Handler = Rc<dyn Fn(Response)>;

pub struct Engine {
    worker: RefCell<Option<Worker>>,
    ready: Cell<bool>,
    queue: RefCell<Vec<(JsValue, js_sys::Array)>>,
    next_id: Cell<u64>,
    handler: Handler,
    waiters: RefCell<HashMap<u64, js_sys::Function>>,
    /// The current worker's event handlers (dropped with it).
    #[allow(clippy::type_complexity)]
    listeners: RefCell<
        Option<(
            Closure<dyn FnMut(MessageEvent)>,
            Closure<dyn FnMut(ErrorEvent)>,
        )>,
    >,
    restarts: Cell<u32>,
}

impl Engine {
    /// Starts the worker after the page's first frame, or at the first
    /// request if that comes sooner; `handler` receives every answer.
    pub fn start(handler: impl Fn(Response) + 'static) -> Rc<Engine> {
        let engine = Rc::new(Engine {
            worker: RefCell::new(None),
            ready: Cell::new(false),
            queue: RefCell::new(Vec::new()),
            next_id: Cell::new(1),
            handler: Rc::new(handler),
            waiters: RefCell::new(HashMap::new()),
            listeners: RefCell::new(None),
            restarts: Cell::new(0),
        });
        // The worker starts after the page's first frame (the frame's
        // animation callback, then the next task), not while the first
        // screen is built: creating it took about 6 ms of the main thread
        // there (a Chromium trace of a fresh load, 2026-12-07), and its
        // .wasm download and compile shared the two cores with the page's.
        // A request before then (a link's example, a remembered study)
        // starts it at once instead (`send`).
        let weak = Rc::downgrade(&engine);
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(
                move || {
                    if let Some(engine) = weak.upgrade() {
                        engine.start_if_not_started();
                    }
                },
                std::time::Duration::ZERO,
            );
        });
        engine
    }

    fn start_if_not_started(self: &Rc<Self>) {
        if self.worker.borrow().is_none() {
            self.spawn();
        }
    }

    fn spawn(self: &Rc<Self>) {
        // when the worker was started (read by the first page's e2e test)
        crate::app::dom::mark("semlab:worker-start");
        self.ready.set(false);
        let worker = match Worker::new(WORKER_URL) {
            Ok(w) => w,
            Err(e) => {
                (self.handler)(Response::Panicked {
                    message: format!("{e:?}"),
                });
                return;
            }
        };
        let weak = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(engine) = weak.upgrade() {
                engine.receive(ev.data());
            }
        });
        let weak = Rc::downgrade(self);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            if let Some(engine) = weak.upgrade() {
                (engine.handler)(Response::Panicked {
                    message: ev.message(),
                });
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // A restart can come from inside the old worker's handlers: never
        // free them (a restart is rare and they are small).
        if let Some(old) = self.listeners.borrow_mut().replace((on_message, on_error)) {
            std::mem::forget(old);
        }
        *self.worker.borrow_mut() = Some(worker);
    }

    /// Ends the worker (stopping whatever it does) and starts a fresh one.
    /// Returns false after too many restarts (the worker cannot start).
    pub fn restart(self: &Rc<Self>) -> bool {
        if self.restarts.get() >= 3 {
            return false;
        }
        self.restarts.set(self.restarts.get() + 1);
        if let Some(w) = self.worker.borrow_mut().take() {
            w.terminate();
        }
        self.queue.borrow_mut().clear();
        self.waiters.borrow_mut().clear();
        self.spawn();
        true
    }

    /// Ends the worker (stopping whatever it does, e.g. reading a large
    /// file the person cancelled: a worker busy in one long task cannot
    /// see a `Cancel`) and starts a fresh one without data. Unlike
    /// [`Engine::restart`] this is no sign of a broken worker and is not
    /// counted. Requests not yet answered are dropped.
    pub fn replace(self: &Rc<Self>) {
        if let Some(w) = self.worker.borrow_mut().take() {
            w.terminate();
        }
        self.queue.borrow_mut().clear();
        self.waiters.borrow_mut().clear();
        self.spawn();
    }

    /// A fresh request id.
    pub fn next_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }

    /// Sends a request (with a file's bytes for `LoadData`).
    pub fn send(self: &Rc<Self>, req: &Request, bytes: Option<&[u8]>) {
        let envelope = js_sys::Object::new();
        let msg = serde_wasm_bindgen::to_value(req).expect("requests serialize");
        let _ = js_sys::Reflect::set(&envelope, &"msg".into(), &msg);
        let transfer = js_sys::Array::new();
        if let Some(b) = bytes {
            let arr = js_sys::Uint8Array::from(b);
            transfer.push(&arr.buffer());
            let _ = js_sys::Reflect::set(&envelope, &"bytes".into(), &arr);
        }
        let envelope: JsValue = envelope.into();
        if self.ready.get() {
            self.post(&envelope, &transfer);
        } else {
            self.queue.borrow_mut().push((envelope, transfer));
            self.start_if_not_started();
        }
    }

    /// Sends a request and returns a promise of its answer (a `Response`
    /// as a JS value; see [`Engine::decode`]).
    pub fn call(self: &Rc<Self>, req: &Request, bytes: Option<&[u8]>) -> js_sys::Promise {
        let id = req.id();
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            self.waiters.borrow_mut().insert(id, resolve);
        });
        self.send(req, bytes);
        promise
    }

    /// A `Response` from a value [`Engine::call`] resolved with.
    pub fn decode(value: JsValue) -> Option<Response> {
        serde_wasm_bindgen::from_value(value).ok()
    }

    fn post(&self, envelope: &JsValue, transfer: &js_sys::Array) {
        if let Some(w) = self.worker.borrow().as_ref() {
            let _ = w.post_message_with_transfer(envelope, transfer);
        }
    }

    fn receive(&self, value: JsValue) {
        let resp: Response = match serde_wasm_bindgen::from_value(value.clone()) {
            Ok(r) => r,
            Err(e) => {
                web_sys::console::error_1(&format!("semlab: bad message from worker: {e}").into());
                return;
            }
        };
        if let Response::Ready = resp {
            self.ready.set(true);
            let queued = std::mem::take(&mut *self.queue.borrow_mut());
            for (envelope, transfer) in queued {
                self.post(&envelope, &transfer);
            }
        }
        if !matches!(resp, Response::Progress { .. }) {
            if let Some(id) = resp.id() {
                if let Some(resolve) = self.waiters.borrow_mut().remove(&id) {
                    let _ = resolve.call1(&JsValue::NULL, &value);
                }
            }
        }
        (self.handler)(resp);
    }
}
