//! Data that is not a real plan: the demo database and synthetic data for tests and benchmarks.

pub mod demo;
pub(crate) mod demo_plan;
pub(crate) mod demo_projects;
mod rng;
pub mod synth;
