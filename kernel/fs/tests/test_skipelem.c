// Host tests of skipelem, the pure part of path-name lookup (kernel/fs/path.c),
// and of the on-disk format constants every xv6 program and our mkfs rely on.
// path.c is linked for real; test_namei.c supplies the inode layer it calls.
#include <criterion/criterion.h>
#include <string.h>

#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/fs.h"
#include "kernel/fs/inode.h"

// Run skipelem on a writable copy of path; name gets DIRSIZ+1 bytes with a
// guard byte after DIRSIZ so an overrun shows.
static char *split(const char *path, char *name, char *copy)
{
  strcpy(copy, path);
  memset(name, '#', DIRSIZ + 1);
  return skipelem(copy, name);
}

Test(skipelem, first_element_of_relative_path_and_rest)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("a/bb/c", name, copy);
  cr_assert_str_eq(name, "a");
  cr_assert_str_eq(rest, "bb/c");
}

Test(skipelem, leading_and_repeated_slashes_are_skipped)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("///a//bb", name, copy);
  cr_assert_str_eq(name, "a");
  cr_assert_str_eq(rest, "bb");
}

Test(skipelem, trailing_slashes_leave_empty_rest)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("dir///", name, copy);
  cr_assert_str_eq(name, "dir");
  cr_assert_str_eq(rest, "");
}

Test(skipelem, last_element_leaves_empty_rest)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("a", name, copy);
  cr_assert_str_eq(name, "a");
  cr_assert_not_null(rest);
  cr_assert_str_eq(rest, "");
}

Test(skipelem, empty_path_and_only_slashes_have_no_element)
{
  char name[DIRSIZ + 1], copy[64];
  cr_assert_null(split("", name, copy));
  cr_assert_null(split("////", name, copy));
  cr_assert_null(split("/", name, copy));
}

Test(skipelem, name_of_exactly_dirsiz_bytes_is_kept_whole_without_nul)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("abcdefghijklmn/x", name, copy);
  cr_assert_eq(memcmp(name, "abcdefghijklmn", DIRSIZ), 0);
  cr_assert_eq(name[DIRSIZ], '#', "skipelem wrote past DIRSIZ bytes");
  cr_assert_str_eq(rest, "x");
}

Test(skipelem, longer_name_is_truncated_to_dirsiz_bytes)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("/abcdefghijklmnopqrstu/y/", name, copy);
  cr_assert_eq(memcmp(name, "abcdefghijklmn", DIRSIZ), 0);
  cr_assert_eq(name[DIRSIZ], '#', "skipelem wrote past DIRSIZ bytes");
  cr_assert_str_eq(rest, "y/");
}

Test(skipelem, short_name_is_nul_terminated)
{
  char name[DIRSIZ + 1], copy[64];
  split("abcdefghijklm", name, copy); // DIRSIZ - 1 bytes
  cr_assert_str_eq(name, "abcdefghijklm");
}

Test(skipelem, dot_and_dotdot_are_ordinary_elements)
{
  char name[DIRSIZ + 1], copy[64];
  char *rest = split("../.", name, copy);
  cr_assert_str_eq(name, "..");
  cr_assert_str_eq(rest, ".");
}

Test(disk_format, dinode_is_64_bytes_and_16_fit_a_block)
{
  cr_assert_eq(sizeof(struct dinode), 64);
  cr_assert_eq(IPB, 16);
}

Test(disk_format, dirent_is_16_bytes)
{
  cr_assert_eq(sizeof(struct dirent), 16);
  cr_assert_eq(DIRSIZ, 14);
}

Test(disk_format, superblock_is_eight_uints)
{
  cr_assert_eq(sizeof(struct superblock), 32);
  cr_assert_eq(FSMAGIC, 0x10203040);
}

Test(disk_format, bitmap_block_covers_8192_blocks)
{
  cr_assert_eq(BPB, 8192);
  cr_assert_eq(BBLOCK(8191, (struct superblock){.bmapstart = 5}), 5);
  cr_assert_eq(BBLOCK(8192, (struct superblock){.bmapstart = 5}), 6);
}

Test(disk_format, file_holds_12_direct_and_256_indirect_blocks)
{
  cr_assert_eq(NDIRECT, 12);
  cr_assert_eq(NINDIRECT, 256);
  cr_assert_eq(MAXFILE, 268);
}

Test(disk_format, inode_block_of_inumber)
{
  struct superblock sb = {.inodestart = 33};
  cr_assert_eq(IBLOCK(0, sb), 33);
  cr_assert_eq(IBLOCK(15, sb), 33);
  cr_assert_eq(IBLOCK(16, sb), 34);
}
