// Host tests of kernel/lib/fdt.c against the device tree QEMU itself gives
// a 256 MiB virt machine (dumped at build time: VIRT_DTB), and against
// damaged copies of it.
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/types.h"
#include "kernel/lib/fdt.h"

static uchar *blob;
static uint64 blob_len;

static void load(void)
{
  FILE *f = fopen(VIRT_DTB, "rb");
  cr_assert_not_null(f, "cannot open %s", VIRT_DTB);
  blob = malloc(1 << 20);
  blob_len = fread(blob, 1, 1 << 20, f);
  fclose(f);
  cr_assert_gt(blob_len, 40);
}

TestSuite(fdt, .init = load);

Test(fdt, finds_the_ram_of_qemus_virt_machine)
{
  uint64 base = 0, size = 0;
  cr_assert_eq(fdt_memory(blob, blob_len, &base, &size), 0);
  cr_expect_eq(base, 0x80000000UL);
  cr_expect_eq(size, 256UL << 20);
}

Test(fdt, a_blob_without_the_magic_is_refused)
{
  uint64 base, size;
  blob[0] ^= 0xff;
  cr_expect_eq(fdt_memory(blob, blob_len, &base, &size), -1);
  cr_expect_eq(fdt_memory(NULL, blob_len, &base, &size), -1);
}

Test(fdt, a_blob_cut_short_is_refused_not_overrun)
{
  // Every prefix shorter than the whole blob either still holds the memory
  // node (it comes early) or is refused; none reads past its length.
  uint64 base, size;
  for (uint64 len = 0; len < 512; len++) {
    uchar *copy = malloc(len ? len : 1);
    memcpy(copy, blob, len);
    int rc = fdt_memory(copy, len, &base, &size);
    cr_expect(rc == -1 || (rc == 0 && size == 256UL << 20), "len %lu gave %d", len, rc);
    free(copy);
  }
}

Test(fdt, a_tree_without_a_memory_node_is_refused)
{
  // Rename every "memory" node name in the structure block.
  uint64 base, size;
  for (uint64 i = 0; i + 7 < blob_len; i++)
    if (memcmp(blob + i, "memory@", 7) == 0)
      blob[i] = 'n';
  cr_expect_eq(fdt_memory(blob, blob_len, &base, &size), -1);
}
