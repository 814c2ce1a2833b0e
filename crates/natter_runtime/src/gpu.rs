//! Choosing what natter asks of a wgpu device, and creating one when the caller has none.
//!
//! A game shares its own device with natter ([`Engine::new`](crate::Engine::new) takes any
//! `wgpu::Device`); [`DeviceRequest`] says which features and limits to ask for when the game
//! creates it, so the kernels can use subgroups and large storage bindings where the adapter
//! has them. [`create_device`] makes a device of natter's own, for tools and tests.

use crate::error::RuntimeError;

/// What natter wants from an adapter: optional features it can use and the limits it needs.
#[derive(Clone, Debug)]
pub struct DeviceRequest {
    pub features: wgpu::Features,
    pub limits: wgpu::Limits,
}

impl DeviceRequest {
    /// The features and limits natter uses on `adapter`, capped to what the adapter offers.
    ///
    /// Features are only asked for when present: without `SUBGROUP` the kernels reduce through
    /// workgroup memory, without `TIMESTAMP_QUERY` the scheduler estimates GPU time instead of
    /// measuring it, without `MEMORY_DECORATION_COHERENT` (Vulkan, DX12, Metal 3.2) there are no
    /// persistent block kernels (`EngineOptions::persistent_workgroups`). Limits are the adapter's own maximum, since weight matrices and KV caches
    /// are large single bindings.
    pub fn for_adapter(adapter: &wgpu::Adapter) -> Self {
        let wanted = wgpu::Features::SUBGROUP
            | wgpu::Features::TIMESTAMP_QUERY
            | wgpu::Features::SHADER_F16
            | wgpu::Features::MEMORY_DECORATION_COHERENT;
        DeviceRequest {
            features: adapter.features() & wanted,
            limits: adapter.limits(),
        }
    }
}

/// Describes the adapter behind a device, for logs and benchmark reports.
pub fn describe(info: &wgpu::AdapterInfo) -> String {
    format!(
        "{} ({:?}, {:?}, driver {} {})",
        info.name, info.backend, info.device_type, info.driver, info.driver_info
    )
}

/// Picks an adapter — the high-performance one, or a software one if that is all there is —
/// and opens a device on it with [`DeviceRequest::for_adapter`].
pub async fn create_device() -> Result<(wgpu::Adapter, wgpu::Device, wgpu::Queue), RuntimeError> {
    let instance =
        wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
    let adapter = match instance
        .request_adapter(&wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::HighPerformance,
            force_fallback_adapter: false,
            compatible_surface: None,
        })
        .await
    {
        Ok(a) => a,
        Err(e) => {
            // Some drivers only answer an explicit request for a fallback (software) adapter.
            instance
                .request_adapter(&wgpu::RequestAdapterOptions {
                    power_preference: wgpu::PowerPreference::HighPerformance,
                    force_fallback_adapter: true,
                    compatible_surface: None,
                })
                .await
                .map_err(|_| RuntimeError::NoAdapter(e.to_string()))?
        }
    };
    let info = adapter.get_info();
    let request = DeviceRequest::for_adapter(&adapter);
    let (device, queue) = adapter
        .request_device(&wgpu::DeviceDescriptor {
            label: Some("natter"),
            required_features: request.features,
            required_limits: request.limits,
            experimental_features: wgpu::ExperimentalFeatures::disabled(),
            memory_hints: wgpu::MemoryHints::Performance,
            trace: wgpu::Trace::Off,
        })
        .await
        .map_err(|e| RuntimeError::Device {
            adapter: describe(&info),
            message: e.to_string(),
        })?;
    Ok((adapter, device, queue))
}
