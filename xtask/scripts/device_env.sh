# Sourced by the device scripts: unpacks the Vulkan loader (and libudev) carried in .gl/ and
# points it at the NVIDIA driver, as the device README describes.
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
