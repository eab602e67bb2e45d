#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod args;
pub mod registry;
pub mod tasks;
pub mod thumbprint;

pub use crate::{
    args::{Options, Task},
    tasks::{Failure, Out, run},
    thumbprint::{Thumbprint, ThumbprintError},
};
