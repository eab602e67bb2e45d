//! Policy checks for certificates and certificate requests.
#![forbid(unsafe_code)]
