
# hailctl: cluster names for NAME in `cluster stop|describe|submit|logs|connect|modify NAME` and
# `deploy emr CLUSTER...`, from the environment's file (--config FILE on the line, else $HAILCTL_CONFIG
# or ./hailctl.yaml) through `hailctl __complete cluster-names`: it reads only that file, no AWS, so
# TAB stays fast and works offline. Ad-hoc clusters are not offered (`hailctl cluster list` shows them).
# Everything else is picocli's completion above.

# Options that take a value (their value is not a positional word).
_hailctl_arg_options=" @ARG_OPTIONS@ "

function _hailctl_cluster_names() {
  local i config=()
  for (( i=1; i < COMP_CWORD; i++ )); do
    case "${COMP_WORDS[i]}" in
      --config)
        if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then config=(--config "${COMP_WORDS[i+2]}"); else config=(--config "${COMP_WORDS[i+1]}"); fi ;;
      --config=*)
        config=(--config "${COMP_WORDS[i]#--config=}") ;;
    esac
  done
  if (( ${#config[@]} )) && [[ "${config[1]}" == \~/* ]]; then
    config[1]="$HOME/${config[1]#\~/}"
  fi
  local hailctl="${COMP_WORDS[0]}"
  [[ "$hailctl" == \~/* ]] && hailctl="$HOME/${hailctl#\~/}"
  "$hailctl" __complete cluster-names "${config[@]}" 2>/dev/null
}

function _hailctl_complete() {
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local i word words=()
  for (( i=1; i < COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
    if [[ "$_hailctl_arg_options" == *" $word "* ]]; then
      if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then (( i += 2 )); else (( i += 1 )); fi
      continue
    fi
    [[ "$word" == -* || "$word" == "=" ]] && continue
    words+=("$word")
  done
  local names=no
  if [[ "${words[0]}" == cluster && ${#words[@]} -eq 2 && " stop describe submit logs connect modify " == *" ${words[1]} "* ]]; then
    names=yes
  elif [[ "${words[0]}" == deploy && "${words[1]}" == emr && ${#words[@]} -ge 2 ]]; then
    names=yes
  fi
  if [[ $names == yes && "$curr_word" != -* ]]; then
    type compopt &>/dev/null && compopt +o default
    local IFS=$'\n'
    # shellcheck disable=SC2207 # names are lowercase letters, digits and hyphens
    COMPREPLY=( $(compgen -W "$(_hailctl_cluster_names)" -- "$curr_word") )
    return 0
  fi
  _complete_hailctl "$@"
}
