#pragma once
// GEOS work that stops with the job it works for. GEOS checks for an interrupt inside its long
// algorithms (noding, overlay, relate, validity, MakeValid, buffer, polygonize), and a plot of
// many spikes can keep a single overlay busy for minutes, past the time limit and after the
// client has left.
//
// GEOS 3.11 offers only a process-wide interrupt: one callback, called on whichever thread
// reaches one of those checks, and one global "interrupt requested" flag, acted on (and cleared)
// by the next thread to check it, which then fails its call with "InterruptedException". That
// global state is forced on us, so it is confined to geos_interrupt.cpp:
//
// - the callback asks the calling thread's job (util::current_job(): its stop flag, the server's
//   shutdown, its deadline). A job that must stop requests the interrupt, which GEOS acts on at
//   once on the same thread;
// - a thread whose job goes on (or that has none: tiles, loading) cancels a request that may be
//   pending, so that it does not act on a request meant for another thread.
//
// Residual race: a request made on one thread can still land between another thread's cancel
// and that thread's own reading of the flag (a few instructions), and fail a call whose job
// need not stop. geos_call() (geos_handles.h) makes that harmless: such a call is made again,
// while a call interrupted for its own job throws util::Stopped.

namespace onemap::geo {

// Registers the callback with GEOS, once per process; GeosContext does it on first use. Any
// callback registered before is replaced (nothing else in OneMap registers one).
void install_geos_interrupt();

}  // namespace onemap::geo
