//! naga validation and reflection of generated kernels.

use naga::valid::{Capabilities, ShaderStages, SubgroupOperationSet, ValidationFlags, Validator};

use crate::error::CompileError;

/// How a kernel binding is accessed, for the runtime's bind group layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Uniform,
    Storage { read_only: bool },
}

/// One binding of group 0 that a kernel's entry point uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KernelBinding {
    pub binding: u32,
    pub kind: BindingKind,
}

/// Parses and validates a generated module with every validation flag on.
pub fn validate(
    label: &str,
    wgsl: &str,
    subgroups: bool,
) -> Result<(naga::Module, naga::valid::ModuleInfo), CompileError> {
    let invalid = |message: String| CompileError::Invalid {
        kernel: label.to_string(),
        message,
    };
    let module = naga::front::wgsl::parse_str(wgsl).map_err(|e| invalid(e.emit_to_string(wgsl)))?;
    // `unpack2x16float` (f16 block scales) needs SHADER_FLOAT16_IN_FLOAT32, which wgpu grants
    // on every Vulkan, DX12 and Metal device (it is only missing on some GLES ones).
    // `@coherent` storage (persistent block kernels) needs wgpu's MEMORY_DECORATION_COHERENT,
    // which the runtime checks before it asks for such kernels.
    let mut caps =
        Capabilities::SHADER_FLOAT16_IN_FLOAT32 | Capabilities::MEMORY_DECORATION_COHERENT;
    if subgroups {
        caps |= Capabilities::SUBGROUP;
    }
    let mut validator = Validator::new(ValidationFlags::all(), caps);
    if subgroups {
        validator
            .subgroup_stages(ShaderStages::COMPUTE)
            .subgroup_operations(SubgroupOperationSet::all());
    }
    let info = validator.validate(&module).map_err(|e| {
        // The rendered message names the place; the error chain says what is wrong there.
        let mut message = e.emit_to_string(wgsl);
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e.as_inner());
        while let Some(s) = source {
            message.push_str(&format!("\n  caused by: {s}"));
            source = s.source();
        }
        invalid(message)
    })?;
    Ok((module, info))
}

/// Validates a module and lists the group-0 bindings its (single) entry point uses.
pub fn reflect(
    label: &str,
    wgsl: &str,
    subgroups: bool,
) -> Result<Vec<KernelBinding>, CompileError> {
    let (module, info) = validate(label, wgsl, subgroups)?;
    bindings_of(label, &module, &info)
}

/// The group-0 bindings the (single) entry point of a validated module uses.
pub(crate) fn bindings_of(
    label: &str,
    module: &naga::Module,
    info: &naga::valid::ModuleInfo,
) -> Result<Vec<KernelBinding>, CompileError> {
    if module.entry_points.len() != 1 {
        return Err(CompileError::Invalid {
            kernel: label.to_string(),
            message: format!(
                "expected one entry point, found {}",
                module.entry_points.len()
            ),
        });
    }
    let ep = info.get_entry_point(0);
    let mut out = Vec::new();
    for (handle, var) in module.global_variables.iter() {
        let Some(binding) = &var.binding else {
            continue;
        };
        if binding.group != 0 || ep[handle].is_empty() {
            continue;
        }
        let kind = match var.space {
            naga::AddressSpace::Uniform => BindingKind::Uniform,
            naga::AddressSpace::Storage { access } => BindingKind::Storage {
                read_only: !access.contains(naga::StorageAccess::STORE),
            },
            _ => continue,
        };
        out.push(KernelBinding {
            binding: binding.binding,
            kind,
        });
    }
    out.sort_by_key(|b| b.binding);
    Ok(out)
}
