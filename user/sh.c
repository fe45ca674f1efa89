// sh: the shell. It reads a line, splits it into tokens, parses the tokens
// with a small recursive-descent parser into lists of pipelines of commands,
// and runs them with fork, exec, pipe, dup and wait. Grammar:
//   list     = pipeline { (";" | "&") pipeline } [";" | "&"]
//   pipeline = command { "|" command }
//   command  = ( WORD | redir ) { WORD | redir }  |  "(" list ")" { redir }
//   redir    = ("<" | ">" | ">>") WORD
// There is no lseek, so ">>" opens the file for reading and writing and reads
// to its end before the command runs; the command's writes then append.
#include "kernel/types.h"
#include "kernel/stat.h"
#include "kernel/fcntl.h"
#include "kernel/param.h"
#include "user/user.h"

#define LINE_MAX   512 // longest input line, newline included
#define TOKENS_MAX 128 // tokens in one line
#define REDIRS_MAX 8   // redirections on one command
#define STAGES_MAX 16  // commands in one pipeline
#define ITEMS_MAX  16  // pipelines in one list
#define POOL_MAX   32  // commands, pipelines and lists parsed from one line

// Token kinds: single characters stand for themselves ('|', '<', '>', ';',
// '&', '(', ')'); these are the others.
#define T_END    0
#define T_WORD   'w'
#define T_APPEND 'A' // ">>"

struct token {
  int kind;
  char *word; // T_WORD only: a NUL-terminated copy in the word arena
};

struct redir {
  int fd;     // 0 for "<", 1 for ">" and ">>"
  int kind;   // '<', '>' or T_APPEND
  char *file; // the path to open
};

struct list;

// One stage of a pipeline: a program with arguments, or a subshell.
struct command {
  char *argv[MAXARG + 1]; // NULL-terminated
  int argc;
  struct list *sub; // non-NULL for "( list )"
  struct redir redir[REDIRS_MAX];
  int nredir;
};

struct pipeline {
  struct command *stage[STAGES_MAX];
  int n;
  int background; // ended by "&"
};

struct list {
  struct pipeline *item[ITEMS_MAX];
  int n;
};

// Everything parsed from one line lives here and is reset for the next line.
struct parser {
  struct token tok[TOKENS_MAX];
  int ntok;
  int pos;                  // next token to read
  char words[2 * LINE_MAX]; // word arena: each word copied and terminated
  int wused;
  struct command commands[POOL_MAX];
  struct pipeline pipelines[POOL_MAX];
  struct list lists[POOL_MAX];
  int ncommands, npipelines, nlists;
  const char *error; // first syntax error, printed by the caller
};

static struct parser parser;

static int run_list(struct list *l);

// ---------------------------------------------------------------------------
// Tokens.

static int is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

static int is_symbol(char c)
{
  return c != '\0' && strchr("|<>;&()", c) != 0;
}

// Copies the word starting at s into the arena and returns its length in the line.
static int scan_word(struct parser *p, const char *s, struct token *t)
{
  int n = 0;

  t->kind = T_WORD;
  t->word = p->words + p->wused;
  while (s[n] != '\0' && !is_blank(s[n]) && !is_symbol(s[n]))
    p->words[p->wused++] = s[n++];
  p->words[p->wused++] = '\0';
  return n;
}

// Splits line into p->tok, ending with a T_END token. Returns -1 if the
// line has too many tokens.
static int tokenize(struct parser *p, const char *s)
{
  p->ntok = 0;
  p->wused = 0;
  for (;;) {
    struct token *t = &p->tok[p->ntok];
    while (is_blank(*s))
      s++;
    if (p->ntok == TOKENS_MAX - 1) {
      t->kind = T_END;
      return *s == '\0' ? 0 : -1;
    }
    p->ntok++;
    if (*s == '\0') {
      t->kind = T_END;
      return 0;
    }
    if (s[0] == '>' && s[1] == '>') {
      t->kind = T_APPEND;
      s += 2;
    } else if (is_symbol(*s)) {
      t->kind = *s++;
    } else {
      s += scan_word(p, s, t);
    }
  }
}

// ---------------------------------------------------------------------------
// Parser. Each function returns NULL after recording a syntax error.

static int peek(struct parser *p)
{
  return p->tok[p->pos].kind;
}

static const char *describe(int kind)
{
  static char one[2];

  if (kind == T_END)
    return "end of line";
  if (kind == T_APPEND)
    return ">>";
  one[0] = (char)kind;
  return one;
}

static void *syntax_error(struct parser *p, const char *what)
{
  if (p->error == 0)
    p->error = what;
  return 0;
}

static struct command *new_command(struct parser *p)
{
  struct command *c;

  if (p->ncommands == POOL_MAX)
    return syntax_error(p, "too many commands");
  c = &p->commands[p->ncommands++];
  memset(c, 0, sizeof(*c));
  return c;
}

static struct pipeline *new_pipeline(struct parser *p)
{
  struct pipeline *pl;

  if (p->npipelines == POOL_MAX)
    return syntax_error(p, "too many pipelines");
  pl = &p->pipelines[p->npipelines++];
  memset(pl, 0, sizeof(*pl));
  return pl;
}

static struct list *new_list(struct parser *p)
{
  struct list *l;

  if (p->nlists == POOL_MAX)
    return syntax_error(p, "too many nested lists");
  l = &p->lists[p->nlists++];
  memset(l, 0, sizeof(*l));
  return l;
}

static int is_redir(int kind)
{
  return kind == '<' || kind == '>' || kind == T_APPEND;
}

// redir = ("<" | ">" | ">>") WORD
static int parse_redir(struct parser *p, struct command *c)
{
  struct redir *r;
  int kind = p->tok[p->pos++].kind;

  if (peek(p) != T_WORD) {
    syntax_error(p, "missing file name after redirection");
    return -1;
  }
  if (c->nredir == REDIRS_MAX) {
    syntax_error(p, "too many redirections");
    return -1;
  }
  r = &c->redir[c->nredir++];
  r->kind = kind;
  r->fd = kind == '<' ? 0 : 1;
  r->file = p->tok[p->pos++].word;
  return 0;
}

// The words and redirections of a simple command.
static struct command *parse_simple(struct parser *p, struct command *c)
{
  while (peek(p) == T_WORD || is_redir(peek(p))) {
    if (peek(p) != T_WORD) {
      if (parse_redir(p, c) < 0)
        return 0;
      continue;
    }
    if (c->argc == MAXARG)
      return syntax_error(p, "too many arguments");
    c->argv[c->argc++] = p->tok[p->pos++].word;
  }
  if (c->argc == 0 && c->nredir == 0)
    return syntax_error(p, "missing command");
  return c;
}

static struct list *parse_list(struct parser *p);

// "(" list ")" { redir }
static struct command *parse_subshell(struct parser *p, struct command *c)
{
  p->pos++;
  c->sub = parse_list(p);
  if (c->sub == 0)
    return 0;
  if (peek(p) != ')')
    return syntax_error(p, "missing )");
  if (c->sub->n == 0)
    return syntax_error(p, "empty ( )");
  p->pos++;
  while (is_redir(peek(p))) {
    if (parse_redir(p, c) < 0)
      return 0;
  }
  if (peek(p) == T_WORD || peek(p) == '(')
    return syntax_error(p, "unexpected word after )");
  return c;
}

static struct command *parse_command(struct parser *p)
{
  struct command *c = new_command(p);

  if (c == 0)
    return 0;
  if (peek(p) == '(')
    return parse_subshell(p, c);
  return parse_simple(p, c);
}

// command { "|" command }
static struct pipeline *parse_pipeline(struct parser *p)
{
  struct pipeline *pl = new_pipeline(p);

  if (pl == 0)
    return 0;
  for (;;) {
    if (pl->n == STAGES_MAX)
      return syntax_error(p, "pipeline too long");
    pl->stage[pl->n] = parse_command(p);
    if (pl->stage[pl->n++] == 0)
      return 0;
    if (peek(p) != '|')
      return pl;
    p->pos++;
  }
}

// pipeline { (";" | "&") pipeline } [";" | "&"], up to the end of the line
// or a ")" that the caller consumes. An empty list is allowed here.
static struct list *parse_list(struct parser *p)
{
  struct list *l = new_list(p);

  while (l != 0 && peek(p) != T_END && peek(p) != ')') {
    struct pipeline *pl;
    if (l->n == ITEMS_MAX)
      return syntax_error(p, "too many commands in one list");
    pl = parse_pipeline(p);
    if (pl == 0)
      return 0;
    l->item[l->n++] = pl;
    if (peek(p) == ';' || peek(p) == '&') {
      pl->background = peek(p) == '&';
      p->pos++;
    } else if (peek(p) != T_END && peek(p) != ')') {
      return syntax_error(p, "unexpected symbol");
    }
  }
  return l;
}

// Parses a whole line; prints the error and returns NULL if it is malformed.
static struct list *parse_line(struct parser *p, const char *line)
{
  struct list *l;

  p->pos = 0;
  p->ncommands = p->npipelines = p->nlists = 0;
  p->error = 0;
  if (tokenize(p, line) < 0) {
    fprintf(2, "sh: too many words in one line\n");
    return 0;
  }
  l = parse_list(p);
  if (l != 0 && peek(p) != T_END)
    l = syntax_error(p, "unexpected symbol");
  if (l == 0)
    fprintf(2, "sh: syntax error: %s near %s\n", p->error, describe(peek(p)));
  return l;
}

// ---------------------------------------------------------------------------
// Running commands.

// Prints the message for a failed system call in a child and ends it.
static void die(const char *what, const char *name)
{
  fprintf(2, "sh: %s %s\n", what, name);
  exit(1);
}

static int fork_or_die(void)
{
  int pid = fork();

  if (pid < 0)
    die("fork failed", "");
  return pid;
}

// Makes fd refer to the file of redirection r. fd is closed first so that
// open() hands out exactly that number, the lowest free one.
static void apply_redir(struct redir *r)
{
  int flags = O_RDONLY;
  struct stat st;
  char c;

  if (r->kind == '>')
    flags = O_WRONLY | O_CREATE | O_TRUNC;
  else if (r->kind == T_APPEND)
    flags = O_RDWR | O_CREATE;
  close(r->fd);
  if (open(r->file, flags) != r->fd)
    die("cannot open", r->file);
  // Without lseek, appending means reading up to the end first. Only a
  // regular file has an end: reading the console would wait for input.
  if (r->kind == T_APPEND && fstat(r->fd, &st) == 0 && st.type == T_FILE) {
    while (read(r->fd, &c, 1) == 1)
      ;
  }
}

// cd DIR (or cd alone for the root). Returns 0 or -1.
static int builtin_cd(struct command *c)
{
  const char *dir = c->argc > 1 ? c->argv[1] : "/";

  if (c->argc > 2) {
    fprintf(2, "usage: cd [dir]\n");
    return -1;
  }
  if (chdir(dir) < 0) {
    fprintf(2, "cd: cannot cd %s\n", dir);
    return -1;
  }
  return 0;
}

static int is_cd(struct command *c)
{
  return c->sub == 0 && c->argc > 0 && strcmp(c->argv[0], "cd") == 0;
}

// Execs the program. A bare name that is not found in the current directory
// is looked up in the root too, so programs keep working after a cd.
static void exec_program(struct command *c)
{
  char path[MAXPATH];
  const char *name = c->argv[0];

  exec(name, c->argv);
  if (strchr(name, '/') == 0 && strlen(name) + 2 <= sizeof(path)) {
    path[0] = '/';
    strcpy(path + 1, name);
    exec(path, c->argv);
  }
  fprintf(2, "exec %s failed\n", name);
  exit(1);
}

// Runs one command in the current (child) process and never returns.
static void run_command(struct command *c)
{
  for (int i = 0; i < c->nredir; i++)
    apply_redir(&c->redir[i]);
  if (c->sub != 0)
    exit(run_list(c->sub));
  if (c->argc == 0)
    exit(0);
  if (is_cd(c))
    exit(builtin_cd(c) < 0 ? 1 : 0);
  exec_program(c);
}

// Moves fd old onto number fd (0 or 1) and closes old.
static void move_fd(int old, int fd)
{
  close(fd);
  if (dup(old) != fd)
    die("cannot set up pipe", "");
  close(old);
}

// Starts every stage of pl, each reading the previous stage's pipe, then
// waits for all of them. Runs in a child of the shell and never returns; its
// exit status is the last stage's.
static void run_pipeline(struct pipeline *pl)
{
  int in = -1; // read end of the pipe from the previous stage
  int last_pid = -1;
  int last_status = 0;
  int status, pid;

  if (pl->n == 1)
    run_command(pl->stage[0]);
  for (int i = 0; i < pl->n; i++) {
    int fds[2] = {-1, -1};
    if (i + 1 < pl->n && pipe(fds) < 0)
      die("pipe failed", "");
    last_pid = fork_or_die();
    if (last_pid == 0) {
      if (in >= 0)
        move_fd(in, 0);
      if (fds[1] >= 0) {
        close(fds[0]);
        move_fd(fds[1], 1);
      }
      run_command(pl->stage[i]);
    }
    // The parent keeps no pipe ends open, or readers would never see EOF.
    if (in >= 0)
      close(in);
    if (fds[1] >= 0)
      close(fds[1]);
    in = fds[0];
  }
  while ((pid = wait(&status)) >= 0) {
    if (pid == last_pid)
      last_status = status;
  }
  exit(last_status);
}

// Runs a pipeline from the shell (or a subshell) and returns its exit status.
// A background pipeline runs in a grandchild: the child exits at once, so the
// shell does not wait, and init reaps the grandchild when it finishes.
static int run_item(struct pipeline *pl)
{
  int status;
  int pid;

  if (!pl->background && pl->n == 1 && is_cd(pl->stage[0]) && pl->stage[0]->nredir == 0)
    return builtin_cd(pl->stage[0]) < 0 ? 1 : 0;
  pid = fork();
  if (pid < 0) {
    fprintf(2, "sh: fork failed\n");
    return 1;
  }
  if (pid == 0) {
    if (pl->background && fork_or_die() != 0)
      exit(0);
    run_pipeline(pl);
  }
  for (;;) {
    int w = wait(&status);
    if (w == pid)
      return status;
    if (w < 0)
      return 1;
  }
}

// Runs each pipeline of the list in turn; returns the last one's status.
static int run_list(struct list *l)
{
  int status = 0;

  for (int i = 0; i < l->n; i++)
    status = run_item(l->item[i]);
  return status;
}

// ---------------------------------------------------------------------------
// The read-parse-run loop.

// Reads one line into buf after printing the prompt. Returns -1 at end of
// input. A line too long for buf is discarded with a message.
static int read_line(char *buf, int size)
{
  int n;

  fprintf(2, "$ ");
  gets(buf, size);
  n = strlen(buf);
  if (n == 0)
    return -1;
  if (n == size - 1 && buf[n - 1] != '\n' && buf[n - 1] != '\r') {
    char c = 0;
    while (read(0, &c, 1) == 1 && c != '\n' && c != '\r')
      ;
    fprintf(2, "sh: line too long\n");
    buf[0] = '\0';
  }
  return 0;
}

// Commands expect fds 0, 1 and 2 to be open; if the shell was started
// without them, point the missing ones at the console.
static void ensure_std_fds(void)
{
  int fd;

  while ((fd = open("/console", O_RDWR)) >= 0) {
    if (fd > 2) {
      close(fd);
      return;
    }
  }
}

int main(void)
{
  static char line[LINE_MAX];
  struct list *l;

  ensure_std_fds();
  while (read_line(line, sizeof(line)) == 0) {
    l = parse_line(&parser, line);
    if (l != 0)
      run_list(l);
  }
  exit(0);
}
